package dev.neonoauth.core.domain;

import java.util.Objects;

/**
 * One OAuth scope token. Unknown scopes are kept as they are; the constants name the ones Neon documents.
 *
 * <p>Related specifications: RFC 6749 section 3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}, so no
 * space, no double quote, no backslash and no control or non-ASCII character.
 */
public record Scope(String value) {
    /** OpenID Connect: ask for an id_token. */
    public static final Scope OPENID = new Scope("openid");
    /** Ory Hydra's scope for a refresh token. Neon needs both offline scopes for one (NEON.md 1.5). */
    public static final Scope OFFLINE = new Scope("offline");
    /** The OpenID Connect scope for a refresh token. */
    public static final Scope OFFLINE_ACCESS = new Scope("offline_access");

    public static final Scope PROJECTS_CREATE = new Scope("urn:neoncloud:projects:create");
    public static final Scope PROJECTS_READ = new Scope("urn:neoncloud:projects:read");
    public static final Scope PROJECTS_UPDATE = new Scope("urn:neoncloud:projects:update");
    public static final Scope PROJECTS_DELETE = new Scope("urn:neoncloud:projects:delete");
    public static final Scope PROJECTS_PERMISSION = new Scope("urn:neoncloud:projects:permission");

    public static final Scope ORGS_CREATE = new Scope("urn:neoncloud:orgs:create");
    public static final Scope ORGS_READ = new Scope("urn:neoncloud:orgs:read");
    public static final Scope ORGS_UPDATE = new Scope("urn:neoncloud:orgs:update");
    public static final Scope ORGS_DELETE = new Scope("urn:neoncloud:orgs:delete");
    public static final Scope ORGS_PERMISSION = new Scope("urn:neoncloud:orgs:permission");

    public Scope {
        Objects.requireNonNull(value, "scope == null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a scope token is at least one character (RFC 6749 section 3.3)");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isScopeTokenChar(value.charAt(i))) {
                throw new IllegalArgumentException(
                        "invalid character at index " + i + " of a scope token (RFC 6749 section 3.3)");
            }
        }
    }

    public static Scope of(String value) {
        return new Scope(value);
    }

    static boolean isScopeTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
    }

    @Override
    public String toString() {
        return value;
    }
}
