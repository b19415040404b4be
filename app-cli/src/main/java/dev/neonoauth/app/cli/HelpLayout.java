package dev.neonoauth.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The help of the subcommands: the global options are accepted after any command (picocli copies inherited options
 * into every subcommand), but only the root's help lists them; each subcommand's help lists its own options and points
 * to the root's for the others.
 */
final class HelpLayout {
    static final String GLOBAL_OPTIONS = "Global options (--profile, -o/--output, -v/--verbose, --client-id, "
            + "--client-auth, --oauth-host, --api-host): see 'neon-oauth --help'.";

    private HelpLayout() {}

    static void withoutRepeatedGlobalOptions(CommandLine root) {
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CommandLine sub : root.getSubcommands().values()) {
            hide(sub, seen);
        }
    }

    private static void hide(CommandLine command, Set<CommandLine> seen) {
        if (!seen.add(command)) {
            return; // an alias of a command already done
        }
        CommandSpec spec = command.getCommandSpec();
        for (OptionSpec option : new ArrayList<>(spec.options())) {
            if (option.inherited() && !option.hidden()) {
                spec.remove(option);
                // LOCAL: the copy is not handed on to the subcommands again (they have their own)
                spec.addOption(option.toBuilder().hidden(true).scopeType(ScopeType.LOCAL).build());
            }
        }
        List<String> footer = new ArrayList<>(Arrays.asList(spec.usageMessage().footer()));
        footer.add("");
        footer.add(GLOBAL_OPTIONS);
        spec.usageMessage().footer(footer.toArray(String[]::new));
        for (CommandLine sub : command.getSubcommands().values()) {
            hide(sub, seen);
        }
    }
}
