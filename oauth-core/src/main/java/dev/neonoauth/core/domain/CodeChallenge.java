package dev.neonoauth.core.domain;

import java.util.Objects;

/**
 * A PKCE {@code code_challenge} with its method, always {@link CodeChallengeMethod#S256}.
 *
 * <p>Related specifications: RFC 7636 section 4.2 and section 4.3.
 */
public record CodeChallenge(String value, CodeChallengeMethod method) {

    public CodeChallenge {
        Secrets.requireText(value, "code challenge");
        Objects.requireNonNull(method, "method == null");
    }

    /** Derives the S256 challenge of {@code verifier}. */
    public static CodeChallenge s256(CodeVerifier verifier) {
        Objects.requireNonNull(verifier, "verifier == null");
        return new CodeChallenge(CodeChallengeMethod.S256.transform(verifier), CodeChallengeMethod.S256);
    }
}
