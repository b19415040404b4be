package dev.neonoauth.app.cli.archfixture;

import java.io.PrintStream;

/** Prints around the terminal's sanitizer on purpose, so that ArchitectureTest can show its rules catch it. Never run. */
public final class RawPrinter {
    private RawPrinter() {}

    public static void printToTheProcessStream(String fromTheServer) {
        System.out.println(fromTheServer);
    }

    public static void printToAStream(PrintStream stream, String fromTheServer) {
        stream.print(fromTheServer);
    }
}
