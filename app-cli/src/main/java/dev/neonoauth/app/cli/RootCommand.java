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
            "-o", "--output");

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("login", LoginCommand.class);
        m.put("logout", AccountCommands.Logout.class);
        m.put("status", AccountCommands.Status.class);
        m.put("token", AccountCommands.Token.class);
        m.put("projects", ProjectsCommand.class);
        m.put("branches", BranchesCommand.class);
        m.put("sandbox", SandboxCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /** The subcommand a command line names (its first word that is neither an option nor an option's value). */
    static Optional<String> named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return SUBCOMMANDS.containsKey(a) ? Optional.of(a) : Optional.empty();
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
