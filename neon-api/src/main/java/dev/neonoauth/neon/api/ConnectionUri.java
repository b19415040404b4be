package dev.neonoauth.neon.api;

import java.util.Objects;

/** A connection URI returned when a project is created. It embeds a password: never in toString. */
public record ConnectionUri(String uri) {
    public ConnectionUri {
        Objects.requireNonNull(uri, "uri == null");
    }

    @Override
    public String toString() {
        return "ConnectionUri[redacted]";
    }
}
