package dev.neonoauth.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The tokens of one grant as the client keeps them: the access token, the optional refresh token, when the access
 * token expires (computed from {@code expires_in} with the injected clock), and the scopes actually granted. The tokens are
 * Bearer tokens (RFC 6750): adapters refuse any other type when they parse a token response. Every {@code toString} is redacted.
 *
 * <p>Related specifications: RFC 6749 section 5.1 (successful response), section 6 (refresh) and section 3.3
 * (granted scope may differ from the requested one).
 */
@Value.Immutable(copy = true)
@ValueStyle
public abstract class TokenSet {

    public abstract AccessToken accessToken();

    public abstract Optional<RefreshToken> refreshToken();

    /** When the access token expires; empty when the server did not say (it is then used until rejected). */
    public abstract Optional<Instant> expiresAt();

    /** The scopes the server granted (not the ones requested). */
    public abstract ScopeSet grantedScopes();

    /** When the client received these tokens. */
    public abstract Instant issuedAt();

    /** The resource owner's identifier at the server (the id_token's {@code sub}), when known. */
    public abstract Optional<String> subject();

    /**
     * Classifies the access token at {@code now}: a token without a known expiry is always {@link Freshness#FRESH}.
     * The boundaries are inclusive toward caution: at exactly {@code expiresAt - refreshMargin} it is already stale.
     */
    public Freshness freshnessAt(Instant now, RefreshPolicy policy) {
        if (expiresAt().isEmpty()) {
            return Freshness.FRESH;
        }
        Instant expiry = expiresAt().get();
        if (!now.isBefore(expiry.minus(policy.expiryMargin()))) {
            return Freshness.EXPIRED;
        }
        if (!now.isBefore(expiry.minus(policy.refreshMargin()))) {
            return Freshness.STALE;
        }
        return Freshness.FRESH;
    }

    /**
     * The tokens after a refresh (RFC 6749 section 6): a new refresh token replaces this one, and when the server
     * sends none the current one is kept; the granted scope is kept unless the server names a new one; the subject
     * is kept.
     */
    public TokenSet refreshedWith(TokenSet issued) {
        return ImmutableTokenSet.builder()
                .accessToken(issued.accessToken())
                .refreshToken(issued.refreshToken().isPresent() ? issued.refreshToken() : refreshToken())
                .expiresAt(issued.expiresAt())
                .grantedScopes(issued.grantedScopes().isEmpty() ? grantedScopes() : issued.grantedScopes())
                .issuedAt(issued.issuedAt())
                .subject(issued.subject().isPresent() ? issued.subject() : subject())
                .build();
    }

    /** A copy with the subject set. */
    public TokenSet withSubject(String subject) {
        return ImmutableTokenSet.copyOf(this).withSubject(subject);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Value.Check
    protected void check() {
        expiresAt().ifPresent(expiry -> {
            if (expiry.isBefore(issuedAt())) {
                throw new IllegalArgumentException("a token cannot expire before it was issued");
            }
        });
    }

    @Override
    public String toString() {
        return "TokenSet{accessToken=" + Secrets.REDACTED
                + ", refreshToken=" + (refreshToken().isPresent() ? Secrets.REDACTED : "none")
                + ", expiresAt=" + expiresAt().map(Instant::toString).orElse("unknown")
                + ", grantedScopes=" + grantedScopes().render()
                + ", subject=" + subject().orElse("unknown") + "}";
    }

    public static final class Builder extends ImmutableTokenSet.Builder {}
}
