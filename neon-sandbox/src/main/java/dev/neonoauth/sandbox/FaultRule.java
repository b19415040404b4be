package dev.neonoauth.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fault the sandbox injects into requests that match a route of a {@link FaultPlan}.
 *
 * <p>A rule fires either always, with a probability (drawn from the plan's seedable random source), or only for
 * the next {@code n} matching requests ({@link #times(int)}), which makes tests deterministic. Kinds:
 * <ul>
 *   <li>{@link #latency(Duration)}: delay the request, then handle it normally (latency rules add up);</li>
 *   <li>{@link #status(int)}: answer with that status instead of handling the request (500, 502, 503, 423, 429, ...);
 *       the body has the error format of the route ({@code {code,message,request_id}} on the API,
 *       {@code {error,error_description}} on the OAuth server), 429 and 503 carry {@code Retry-After};</li>
 *   <li>{@link #dropConnection()}: close the socket without sending a response;</li>
 *   <li>{@link #truncatedBody()}: handle the request, then send only the first half of the response body.</li>
 * </ul>
 * Rules are immutable apart from the remaining-count of {@link #times(int)}.
 */
public final class FaultRule {

    /** What a rule does. */
    public enum Kind { LATENCY, STATUS, DROP_CONNECTION, TRUNCATED_BODY }

    private final Kind kind;
    private final Duration latency;
    private final int status;
    private final Duration retryAfter;
    private final double probability;
    private final AtomicInteger remaining;

    private FaultRule(Kind kind, Duration latency, int status, Duration retryAfter, double probability, int times) {
        this.kind = kind;
        this.latency = latency;
        this.status = status;
        this.retryAfter = retryAfter;
        this.probability = probability;
        this.remaining = times < 0 ? null : new AtomicInteger(times);
    }

    public static FaultRule latency(Duration delay) {
        Objects.requireNonNull(delay, "delay == null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        return new FaultRule(Kind.LATENCY, delay, 0, null, 1.0, -1);
    }

    /** Answer with an error status (400..599). 429 and 503 get {@code Retry-After: 1} unless {@link #retryAfter(Duration)} says otherwise. */
    public static FaultRule status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx, got " + status);
        }
        Duration retry = status == 429 || status == 503 ? Duration.ofSeconds(1) : null;
        return new FaultRule(Kind.STATUS, Duration.ZERO, status, retry, 1.0, -1);
    }

    public static FaultRule dropConnection() {
        return new FaultRule(Kind.DROP_CONNECTION, Duration.ZERO, 0, null, 1.0, -1);
    }

    public static FaultRule truncatedBody() {
        return new FaultRule(Kind.TRUNCATED_BODY, Duration.ZERO, 0, null, 1.0, -1);
    }

    /** The same rule, firing with probability {@code p} (0..1) per matching request. */
    public FaultRule withProbability(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("probability must be within 0..1, got " + p);
        }
        return new FaultRule(kind, latency, status, retryAfter, p, remaining == null ? -1 : remaining.get());
    }

    /** The same rule, firing only for the next {@code n} matching requests (then inert). */
    public FaultRule times(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
        return new FaultRule(kind, latency, status, retryAfter, probability, n);
    }

    /** The same rule with a {@code Retry-After} header (whole seconds); only meaningful for status rules. */
    public FaultRule retryAfter(Duration delay) {
        return new FaultRule(kind, latency, status, delay, probability, remaining == null ? -1 : remaining.get());
    }

    public Kind kind() {
        return kind;
    }

    public Duration latency() {
        return latency;
    }

    public int status() {
        return status;
    }

    /** The {@code Retry-After} to send, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public double probability() {
        return probability;
    }

    /** How many more times this rule fires, or -1 when it is not limited. */
    public int remaining() {
        return remaining == null ? -1 : remaining.get();
    }

    /** Decides whether the rule fires for one matching request, consuming one of its {@link #times(int)} if so. */
    boolean fire(java.util.function.DoubleSupplier random) {
        if (remaining != null && remaining.get() <= 0) {
            return false;
        }
        if (probability < 1.0 && random.getAsDouble() >= probability) {
            return false;
        }
        if (remaining == null) {
            return true;
        }
        while (true) {
            int left = remaining.get();
            if (left <= 0) {
                return false;
            }
            if (remaining.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case LATENCY -> "latency " + latency.toMillis() + "ms";
            case STATUS -> "status " + status + (retryAfter != null ? " retry-after " + retryAfter.toSeconds() + "s" : "");
            case DROP_CONNECTION -> "drop connection";
            case TRUNCATED_BODY -> "truncated body";
        };
        return what + (probability < 1.0 ? " p=" + probability : "") + (remaining != null ? " times=" + remaining.get() : "");
    }
}
