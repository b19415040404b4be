package dev.neonoauth.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * When to refresh: a token is {@link Freshness#STALE} within {@code refreshMargin} of its expiry (refresh it), and
 * {@link Freshness#EXPIRED} within {@code expiryMargin} of it (do not send it: clocks and networks are not exact).
 * See docs/adr/0006-refresh-policy.md.
 *
 * @param refreshMargin how long before expiry to refresh proactively (default 60 s)
 * @param expiryMargin how long before expiry to stop using a token (default 5 s); at most {@code refreshMargin}
 */
public record RefreshPolicy(Duration refreshMargin, Duration expiryMargin) {
    public static final RefreshPolicy DEFAULT = new RefreshPolicy(Duration.ofSeconds(60), Duration.ofSeconds(5));

    public RefreshPolicy {
        Objects.requireNonNull(refreshMargin, "refreshMargin == null");
        Objects.requireNonNull(expiryMargin, "expiryMargin == null");
        if (refreshMargin.isNegative() || expiryMargin.isNegative()) {
            throw new IllegalArgumentException("margins must not be negative");
        }
        if (expiryMargin.compareTo(refreshMargin) > 0) {
            throw new IllegalArgumentException("the expiry margin must not exceed the refresh margin");
        }
    }
}
