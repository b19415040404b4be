package dev.neonoauth.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code neon-oauth}: the root command. Its options are inherited by every subcommand. Its subcommands are
 * {@link #COMMANDS}, each with neonctl's names as aliases in its own annotation ({@code project}, {@code branch},
 * ...); {@link CommandTree} registers them, all of them or only the one a command line names.
 */
@Command(name = "neon-oauth", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Act on your Neon account from the terminal, through Neon's OAuth integration.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  error (network, Neon refused, login failed or denied, timeout, storage)",
                "  2  usage error", "  3  login required: run neon-oauth login", "  4  the login lacks a scope the "
                + "command needs", "",
                "Run 'neon-oauth COMMAND --help' for a command's options. Without NEON_CLIENT_ID every command uses "
                        + "the local sandbox: start it with 'neon-oauth sandbox' and log in as sandbox@example.com / "
                        + "sandbox."})
final class RootCommand implements Callable<Integer> {
    /** The top-level commands, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(LoginCommand.class, AccountCommands.Logout.class,
            AccountCommands.Status.class, AccountCommands.Token.class, AccountCommands.Me.class, OrgsCommand.class,
            ProfilesCommand.class, ProjectsCommand.class, BranchesCommand.class, DatabasesCommand.class,
            RolesCommand.class, ConnectionStringCommand.class, SandboxCommand.class);

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
