package dev.neonoauth.neon.api;

import java.nio.charset.StandardCharsets;

/** Role and database names as Neon accepts them: 1 to 63 bytes (Postgres' NAMEDATALEN), no control characters. */
final class PostgresNames {
    static final int MAX_BYTES = 63;

    private PostgresNames() {}

    static String require(String name, String what) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a " + what + " is 1 to " + MAX_BYTES + " bytes without control characters");
        }
        return name;
    }
}
