package dev.neonoauth.core.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An authorization that was started and not yet completed: everything the callback needs to finish it. It is
 * stored under its state and consumed exactly once.
 *
 * <p>Related specifications: RFC 6749 section 4.1.1 and 10.12 (state); RFC 7636 section 4.1 (the verifier is kept
 * by the client until the token request).
 */
@Value.Immutable
@ValueStyle
public abstract class PendingAuthorization {

    public abstract State state();

    public abstract CodeVerifier codeVerifier();

    public abstract AccountKey account();

    /** The redirect URI sent in the authorization request; the token request must repeat it. */
    public abstract URI redirectUri();

    /** The scopes asked for, as sent. */
    public abstract ScopeSet requestedScopes();

    /** A same-origin relative path to return the user to after completion, already validated. */
    public abstract Optional<String> returnTo();

    /**
     * A value binding the flow to the browser session that started it (e.g. a hash of the session id); a callback
     * arriving in another session is rejected. Empty for clients without sessions (a CLI).
     */
    public abstract Optional<String> sessionBinding();

    public abstract Instant createdAt();

    public abstract Instant expiresAt();

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Value.Check
    protected void check() {
        if (!expiresAt().isAfter(createdAt())) {
            throw new IllegalArgumentException("a pending authorization must expire after it was created");
        }
        returnTo().ifPresent(ReturnTo::requireSafe);
    }

    @Override
    public String toString() {
        return "PendingAuthorization{state=" + Secrets.REDACTED + ", codeVerifier=" + Secrets.REDACTED
                + ", account=" + account() + ", redirectUri=" + redirectUri()
                + ", requestedScopes=" + requestedScopes().render() + ", createdAt=" + createdAt()
                + ", expiresAt=" + expiresAt() + "}";
    }

    public static final class Builder extends ImmutablePendingAuthorization.Builder {}
}
