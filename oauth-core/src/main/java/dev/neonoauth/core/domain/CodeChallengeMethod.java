package dev.neonoauth.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * PKCE transformation methods. Only {@code S256} exists here: {@code plain} is deliberately absent, so no code path
 * can fall back to it (RFC 7636 section 4.2 and section 7.2; Ory Hydra, for one, refuses {@code plain} too).
 * See docs/adr/0004-pkce-and-state-policy.md.
 */
public enum CodeChallengeMethod {
    /** {@code BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))}. */
    S256("S256");

    private final String parameterValue;

    CodeChallengeMethod(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /** The value of the {@code code_challenge_method} parameter. */
    public String parameterValue() {
        return parameterValue;
    }

    String transform(CodeVerifier verifier) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return Base64Url.encode(sha256.digest(verifier.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc).
            throw new IllegalStateException("SHA-256 is unavailable on this JVM", e);
        }
    }
}
