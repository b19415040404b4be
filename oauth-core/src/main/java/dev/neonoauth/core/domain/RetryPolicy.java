package dev.neonoauth.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded retries with capped exponential backoff, for transient refresh failures (network errors, 5xx, and Ory
 * Hydra's "multiple concurrent requests ... Please retry" {@code invalid_request}).
 *
 * @param maxAttempts attempts in all, including the first (at least 1)
 * @param initialBackoff the wait after the first failure; it doubles after each further one
 * @param maxBackoff the longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(2));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff == null");
        Objects.requireNonNull(maxBackoff, "maxBackoff == null");
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 20");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
