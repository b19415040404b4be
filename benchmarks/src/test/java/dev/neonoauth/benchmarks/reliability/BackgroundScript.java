package dev.neonoauth.benchmarks.reliability;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A test script (a simulated browser) on a thread of its own, whose failure is never lost: {@link #join} rethrows
 * what the script threw, and reports where it is stuck if it did not finish in time. (The common pool has one
 * thread on two cores, so scripts that must run while the test blocks get their own thread.)
 */
final class BackgroundScript {
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private BackgroundScript(String name, Tally.ThrowingRunnable script) {
        thread = new Thread(() -> {
            try {
                script.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    static BackgroundScript start(String name, Tally.ThrowingRunnable script) {
        BackgroundScript s = new BackgroundScript(name, script);
        s.thread.start();
        return s;
    }

    /** Waits for the script; throws an AssertionError carrying its exception, or its stack if it is still running. */
    void join(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (thread.isAlive()) {
            AssertionError stuck = new AssertionError("the script on thread " + thread.getName() + " did not finish "
                    + "within " + timeout.toMillis() + " ms; it is at:\n    " + Arrays.stream(thread.getStackTrace())
                    .limit(25).map(Object::toString).collect(Collectors.joining("\n    ")));
            thread.interrupt();
            throw stuck;
        }
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("the script on thread " + thread.getName() + " failed: " + t, t);
        }
    }
}
