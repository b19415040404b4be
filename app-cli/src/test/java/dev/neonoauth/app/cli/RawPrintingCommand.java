package dev.neonoauth.app.cli;

/** A command that writes to the environment's raw stream on purpose, for ArchitectureTest. Never run. */
final class RawPrintingCommand {
    private RawPrintingCommand() {}

    static void print(CliContext ctx, String fromTheServer) {
        ctx.env().out().println(fromTheServer);
    }
}
