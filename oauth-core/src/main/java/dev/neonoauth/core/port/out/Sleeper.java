package dev.neonoauth.core.port.out;

import java.time.Duration;

/** Out-port: waiting between retries, injected so that tests do not sleep. */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration}; an interrupt restores the flag and ends the wait early. */
    void sleep(Duration duration);

    /** Sleeps on the current thread. */
    static Sleeper system() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
