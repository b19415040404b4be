package dev.neonoauth.app.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neon-oauth}: the root command; its options are inherited by every subcommand. */
@Command(name = "neon-oauth", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Act on your Neon account from the terminal, through Neon's OAuth integration.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  error (network, Neon refused, login failed or denied, timeout, storage)",
                "  2  usage error", "  3  login required: run neon-oauth login", "  4  the login lacks a scope the "
                + "command needs", "", "Without NEON_CLIENT_ID the CLI uses the local sandbox (neon-oauth sandbox).",
                "Documentation: docs/app-cli.md"})
final class RootCommand implements Callable<Integer> {
    /**
     * The subcommands, in help order. {@link Main} registers only the one a command line names (building picocli's
     * model of all of them costs start-up time), or all of them when it names none.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    /** The global options that take a value: their value is not a subcommand name. */
    static final Set<String> OPTIONS_WITH_VALUE = Set.of("--profile", "--oauth-host", "--api-host", "--client-id",
            "--client-auth",
            "-o", "--output");

    private static Map<String, Class<?>> subcommands() {
        return ordered("login", LoginCommand.class, "logout", AccountCommands.Logout.class,
                "status", AccountCommands.Status.class, "token", AccountCommands.Token.class,
                "projects", ProjectsCommand.class, "branches", BranchesCommand.class, "sandbox", SandboxCommand.class);
    }

    /** The nested subcommands of a command, if it has any. */
    static Map<String, Class<?>> nested(String name) {
        return switch (name) {
            case "projects" -> ProjectsCommand.SUBCOMMANDS;
            case "branches" -> BranchesCommand.SUBCOMMANDS;
            default -> Map.of();
        };
    }

    static Map<String, Class<?>> ordered(Object... nameClassPairs) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameClassPairs.length; i += 2) {
            m.put((String) nameClassPairs[i], (Class<?>) nameClassPairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The subcommand a command line names (its first word that is neither an option nor an option's value). */
    static Optional<String> named(String[] args) {
        return word(args, 0).filter(SUBCOMMANDS::containsKey);
    }

    /** The nested subcommand a command line names (its second word), if its first word has nested ones. */
    static Optional<String> namedNested(String[] args) {
        return named(args).flatMap(first -> word(args, 1).filter(nested(first)::containsKey));
    }

    /** The {@code n}th word of a command line that is neither an option nor the value of a global option. */
    private static Optional<String> word(String[] args, int n) {
        int seen = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                if (seen++ == n) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    RootCommand(CliContext ctx) {
        this.global = ctx.options();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RootCommand.class.getPackage().getImplementationVersion();
            return new String[] {"neon-oauth " + (v == null ? "development build" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
