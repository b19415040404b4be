package dev.neonoauth.adapter.http;

/** How much of the HTTP traffic {@link RedactingHttpLogger} logs (at INFO). Secrets are redacted at every level. */
public enum HttpLogLevel {
    /** Nothing (the default). */
    NONE,
    /** Request line, status, duration and request id. */
    BASIC,
    /** BASIC plus headers; {@code Authorization}, {@code Cookie} and {@code Set-Cookie} are redacted. */
    HEADERS,
    /** HEADERS plus JSON bodies with secret fields redacted; form bodies are never logged. */
    BODY;

    /** Parses {@code none}, {@code basic}, {@code headers} or {@code body}, case-insensitively. */
    public static HttpLogLevel parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the HTTP log level must be one of none, basic, headers, body; got '"
                    + value + "'", e);
        }
    }
}
