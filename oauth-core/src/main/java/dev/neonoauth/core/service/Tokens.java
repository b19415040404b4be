package dev.neonoauth.core.service;

import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.IssuedTokens;
import java.time.Instant;

/** Turns a token response into the token set the client keeps. */
final class Tokens {
    private Tokens() {}

    /**
     * Stamps issued tokens with {@code now}: {@code expiresAt = now + expires_in}; the granted scope is the one the
     * server named, else {@code fallbackScopes} (RFC 6749 section 5.1: an omitted scope means "as requested").
     */
    static TokenSet toTokenSet(IssuedTokens issued, Instant now, ScopeSet fallbackScopes) {
        return TokenSet.builder()
                .accessToken(issued.accessToken())
                .refreshToken(issued.refreshToken())
                .expiresAt(issued.expiresIn().map(now::plus))
                .grantedScopes(issued.scope().orElse(fallbackScopes))
                .issuedAt(now)
                .subject(issued.subject())
                .build();
    }
}
