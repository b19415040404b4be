package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful token response as parsed by the adapter (RFC 6749 section 5.1), before the core stamps it with the
 * clock. The adapter has already refused non-Bearer types and clamped {@code expires_in}.
 *
 * @param expiresIn the lifetime the server gave; empty when it gave none
 * @param scope the granted scope when the server named it; empty means "as requested" (RFC 6749 section 5.1)
 * @param subject the {@code sub} claim of the id_token when one was issued
 */
public record IssuedTokens(
        AccessToken accessToken,
        Optional<RefreshToken> refreshToken,
        Optional<Duration> expiresIn,
        Optional<ScopeSet> scope,
        Optional<String> subject) {

    public IssuedTokens {
        Objects.requireNonNull(accessToken, "accessToken == null");
        Objects.requireNonNull(refreshToken, "refreshToken == null");
        Objects.requireNonNull(expiresIn, "expiresIn == null");
        Objects.requireNonNull(scope, "scope == null");
        Objects.requireNonNull(subject, "subject == null");
        expiresIn.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("expiresIn must not be negative");
            }
        });
    }

    @Override
    public String toString() {
        return "IssuedTokens{accessToken=[redacted], refreshToken=" + (refreshToken.isPresent() ? "[redacted]" : "none")
                + ", expiresIn=" + expiresIn.map(Duration::toString).orElse("unknown")
                + ", scope=" + scope.map(ScopeSet::render).orElse("as requested") + "}";
    }
}
