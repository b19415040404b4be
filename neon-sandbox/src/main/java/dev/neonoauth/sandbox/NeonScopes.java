package dev.neonoauth.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes Neon's OAuth server knows (NEON.md 1.9), with the words the consent screen shows for them.
 * Neon documents that custom scopes are not supported, so the sandbox refuses any other scope with
 * {@code invalid_scope}.
 */
public final class NeonScopes {

    public static final String OPENID = "openid";
    public static final String OFFLINE = "offline";
    public static final String OFFLINE_ACCESS = "offline_access";
    public static final String PROJECTS_CREATE = "urn:neoncloud:projects:create";
    public static final String PROJECTS_READ = "urn:neoncloud:projects:read";
    public static final String PROJECTS_UPDATE = "urn:neoncloud:projects:update";
    public static final String PROJECTS_DELETE = "urn:neoncloud:projects:delete";
    public static final String PROJECTS_PERMISSION = "urn:neoncloud:projects:permission";
    public static final String ORGS_CREATE = "urn:neoncloud:orgs:create";
    public static final String ORGS_READ = "urn:neoncloud:orgs:read";
    public static final String ORGS_UPDATE = "urn:neoncloud:orgs:update";
    public static final String ORGS_DELETE = "urn:neoncloud:orgs:delete";
    public static final String ORGS_PERMISSION = "urn:neoncloud:orgs:permission";

    private static final Map<String, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put(OPENID, "OpenID");
        WORDS.put(OFFLINE, "Offline access");
        WORDS.put(OFFLINE_ACCESS, "Offline access");
        WORDS.put(PROJECTS_CREATE, "Create Projects");
        WORDS.put(PROJECTS_READ, "Read Projects");
        WORDS.put(PROJECTS_UPDATE, "Modify Projects");
        WORDS.put(PROJECTS_DELETE, "Delete Projects");
        WORDS.put(PROJECTS_PERMISSION, "Manage Projects");
        WORDS.put(ORGS_CREATE, "Create Organizations");
        WORDS.put(ORGS_READ, "Read Organizations");
        WORDS.put(ORGS_UPDATE, "Update Organizations");
        WORDS.put(ORGS_DELETE, "Delete Organizations");
        WORDS.put(ORGS_PERMISSION, "Manage Organization Permissions");
    }

    /** Every scope Neon supports, in the order the consent screen lists them. */
    public static final List<String> ALL = List.copyOf(WORDS.keySet());

    /** Scopes that make the token endpoint issue a refresh token (fosite's default {@code RefreshTokenScopes}). */
    public static final Set<String> REFRESH_SCOPES = Set.of(OFFLINE, OFFLINE_ACCESS);

    private NeonScopes() {
    }

    /** The consent-screen words for a scope, or the scope itself when it has none. */
    public static String describe(String scope) {
        return WORDS.getOrDefault(scope, scope);
    }

    public static boolean isNeonScope(String scope) {
        return WORDS.containsKey(scope);
    }
}
