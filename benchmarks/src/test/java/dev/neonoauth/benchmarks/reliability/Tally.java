package dev.neonoauth.benchmarks.reliability;

import java.util.ArrayList;
import java.util.List;

/** Counts the cases a table-driven suite tried and passed, and keeps why the others failed. */
final class Tally {
    private final String target;
    private int tried;
    private int passed;
    private final List<String> failures = new ArrayList<>();

    Tally(String target) {
        this.target = target;
    }

    /** Runs one case; an AssertionError or exception is a failed case (the others still run). */
    void check(String name, ThrowingRunnable body) {
        tried++;
        try {
            body.run();
            passed++;
        } catch (Throwable t) {
            failures.add(name + ": " + t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage())
                    .lines().limit(6).reduce((a, b) -> a + " / " + b).orElse(""));
        }
    }

    /** Prints "hostile input [target]: N cases, N passed" and fails if any case failed. */
    void report() {
        Figures.record("hostile input [" + target + "]: " + tried + " cases, " + passed + " passed");
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + tried + " cases failed for " + target + ":\n  "
                    + String.join("\n  ", failures));
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
