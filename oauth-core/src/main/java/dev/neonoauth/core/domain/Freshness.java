package dev.neonoauth.core.domain;

/** Where a token stands relative to its expiry at a given instant (see {@link TokenSet#freshnessAt}). */
public enum Freshness {
    /** Usable, and not yet within the refresh margin. */
    FRESH,
    /** Still usable, but within the refresh margin: refresh now, and fall back to it if the refresh fails. */
    STALE,
    /** Expired, or within the expiry margin: do not send it. */
    EXPIRED
}
