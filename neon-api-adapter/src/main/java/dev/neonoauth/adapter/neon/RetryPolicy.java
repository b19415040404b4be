package dev.neonoauth.adapter.neon;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The delays between attempts of a Neon API call (see docs/neon-api-adapter.md, "Retry policy"):
 * <ul>
 *   <li>423 Locked: a fixed delay, {@code lockedRetries} times;
 *   <li>429 and 503: {@code Retry-After} when present (seconds or an HTTP date) and not longer than
 *       {@code maxRetryAfter}, else capped exponential backoff with "equal jitter"; {@code throttledRetries} times;
 *   <li>transport failures of idempotent requests: the same backoff, {@code transportRetries} times.
 * </ul>
 */
final class RetryPolicy {
    private final NeonApiConfig config;
    private final DoubleSupplier random;
    private final Clock clock;

    RetryPolicy(NeonApiConfig config, DoubleSupplier random, Clock clock) {
        this.config = config;
        this.random = random;
        this.clock = clock;
    }

    Duration lockedDelay() {
        return config.lockedRetryDelay();
    }

    /**
     * The wait before throttled retry number {@code retry} (1-based), or empty when the server asks for a longer
     * wait than {@code maxRetryAfter}: then retrying earlier would ignore it, so the caller gives up.
     */
    Optional<Duration> throttledDelay(int retry, String retryAfter) {
        Optional<Duration> asked = parseRetryAfter(retryAfter);
        if (asked.isPresent()) {
            return asked.get().compareTo(config.maxRetryAfter()) > 0 ? Optional.empty() : asked;
        }
        return Optional.of(backoff(retry));
    }

    /** {@code min(cap, base * 2^(retry-1))}, of which the second half is random ("equal jitter"). */
    Duration backoff(int retry) {
        long base = config.backoffBase().toMillis();
        long cap = config.backoffCap().toMillis();
        long exponential = retry >= 31 ? cap : Math.min(cap, base << Math.max(0, retry - 1));
        if (exponential < 0) {
            exponential = cap;
        }
        long half = exponential / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (exponential - half)));
    }

    Optional<Duration> parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
