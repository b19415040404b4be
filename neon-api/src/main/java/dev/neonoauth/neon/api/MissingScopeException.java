package dev.neonoauth.neon.api;

import dev.neonoauth.core.domain.Scope;
import java.util.Objects;

/**
 * The operation needs a scope the grant does not have. Thrown before any request is sent; ask for the scope with an
 * incremental authorization ({@code BeginAuthorization.includingGrantedScopes}).
 */
public class MissingScopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Scope missing;

    public MissingScopeException(Scope missing) {
        super("this operation needs the scope " + Objects.requireNonNull(missing, "missing == null").value()
                + ", which the grant does not include");
        this.missing = missing;
    }

    public Scope missingScope() {
        return missing;
    }
}
