package dev.neonoauth.core.port.in;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ReturnTo;
import dev.neonoauth.core.domain.ScopeSet;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The command that starts an authorization.
 *
 * @param account the application's key the resulting grant is stored under
 * @param scopes the scopes to ask for
 * @param redirectUri one of the client's registered redirect URIs
 * @param returnTo where to send the user afterwards: only a same-origin relative path, else rejected here
 * @param sessionBinding binds the flow to the browser session that starts it (see {@code PendingAuthorization})
 * @param includeGrantedScopes incremental authorization: also ask for every scope the account already has
 */
public record BeginAuthorization(
        AccountKey account,
        ScopeSet scopes,
        URI redirectUri,
        Optional<String> returnTo,
        Optional<String> sessionBinding,
        boolean includeGrantedScopes) {

    public BeginAuthorization {
        Objects.requireNonNull(account, "account == null");
        Objects.requireNonNull(scopes, "scopes == null");
        Objects.requireNonNull(redirectUri, "redirectUri == null");
        Objects.requireNonNull(returnTo, "returnTo == null");
        Objects.requireNonNull(sessionBinding, "sessionBinding == null");
        if (scopes.isEmpty() && !includeGrantedScopes) {
            throw new IllegalArgumentException("ask for at least one scope");
        }
        returnTo.ifPresent(r -> ReturnTo.sanitize(r).orElseThrow(
                () -> new IllegalArgumentException("returnTo must be a same-origin relative path")));
    }

    /** The simplest request: these scopes, this redirect URI, nothing else. */
    public static BeginAuthorization of(AccountKey account, ScopeSet scopes, URI redirectUri) {
        return new BeginAuthorization(account, scopes, redirectUri, Optional.empty(), Optional.empty(), false);
    }

    public BeginAuthorization withReturnTo(String path) {
        return new BeginAuthorization(account, scopes, redirectUri, Optional.of(path), sessionBinding, includeGrantedScopes);
    }

    public BeginAuthorization withSessionBinding(String binding) {
        return new BeginAuthorization(account, scopes, redirectUri, returnTo, Optional.of(binding), includeGrantedScopes);
    }

    /** Incremental authorization: ask for these scopes in addition to those already granted. */
    public BeginAuthorization includingGrantedScopes() {
        return new BeginAuthorization(account, scopes, redirectUri, returnTo, sessionBinding, true);
    }
}
