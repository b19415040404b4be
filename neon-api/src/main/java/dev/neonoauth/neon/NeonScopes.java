package dev.neonoauth.neon;

import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;

/**
 * The scopes Neon's OAuth server knows (Neon's OAuth integration guide, "Supported scopes"), and the set Neon's own
 * CLI asks for. Plain {@link Scope} values: the core treats them like any other scope.
 */
public final class NeonScopes {
    /** Ory Hydra's scope for a refresh token. Neon issues one only when both offline scopes are granted. */
    public static final Scope OFFLINE = Scope.of("offline");

    public static final Scope PROJECTS_CREATE = Scope.of("urn:neoncloud:projects:create");
    public static final Scope PROJECTS_READ = Scope.of("urn:neoncloud:projects:read");
    public static final Scope PROJECTS_UPDATE = Scope.of("urn:neoncloud:projects:update");
    public static final Scope PROJECTS_DELETE = Scope.of("urn:neoncloud:projects:delete");
    public static final Scope PROJECTS_PERMISSION = Scope.of("urn:neoncloud:projects:permission");

    public static final Scope ORGS_CREATE = Scope.of("urn:neoncloud:orgs:create");
    public static final Scope ORGS_READ = Scope.of("urn:neoncloud:orgs:read");
    public static final Scope ORGS_UPDATE = Scope.of("urn:neoncloud:orgs:update");
    public static final Scope ORGS_DELETE = Scope.of("urn:neoncloud:orgs:delete");
    public static final Scope ORGS_PERMISSION = Scope.of("urn:neoncloud:orgs:permission");

    /** The twelve scopes Neon's own CLI requests: OpenID, both offline scopes, project and organization scopes. */
    public static final ScopeSet DEFAULT = ScopeSet.of(
            Scope.OPENID, OFFLINE, Scope.OFFLINE_ACCESS,
            PROJECTS_CREATE, PROJECTS_READ, PROJECTS_UPDATE, PROJECTS_DELETE,
            ORGS_CREATE, ORGS_READ, ORGS_UPDATE, ORGS_DELETE, ORGS_PERMISSION);

    private NeonScopes() {}
}
