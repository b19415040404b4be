package dev.neonoauth.core.testing;

import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;

/** Fixtures: scopes of an imaginary resource server, shaped like real ones (URNs, an offline scope). */
public final class TestScopes {
    public static final Scope OFFLINE = Scope.of("offline");
    public static final Scope CREATE = Scope.of("urn:example:projects:create");
    public static final Scope READ = Scope.of("urn:example:projects:read");
    public static final Scope UPDATE = Scope.of("urn:example:projects:update");
    public static final Scope DELETE = Scope.of("urn:example:projects:delete");
    public static final Scope PERMISSION = Scope.of("urn:example:projects:permission");
    /** What a typical client asks for: OpenID, both offline scopes and four resource scopes. */
    public static final ScopeSet DEFAULT = ScopeSet.of(Scope.OPENID, OFFLINE, Scope.OFFLINE_ACCESS, CREATE, READ, UPDATE,
            DELETE);

    private TestScopes() {}
}
