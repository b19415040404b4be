package dev.neonoauth.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neon-oauth}: the root command; its options are inherited by every subcommand. */
@Command(name = "neon-oauth", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Act on your Neon account from the terminal, through Neon's OAuth integration.",
        subcommands = {LoginCommand.class, AccountCommands.Logout.class, AccountCommands.Status.class,
                AccountCommands.Token.class, ProjectsCommand.class, BranchesCommand.class, SandboxCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  error (network, Neon refused, login failed or denied, timeout, storage)",
                "  2  usage error", "  3  login required: run neon-oauth login", "  4  the login lacks a scope the "
                + "command needs", "", "Without NEON_CLIENT_ID the CLI uses the local sandbox (neon-oauth sandbox).",
                "Documentation: docs/app-cli.md"})
final class RootCommand implements Callable<Integer> {
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
