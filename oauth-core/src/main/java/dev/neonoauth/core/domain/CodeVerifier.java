package dev.neonoauth.core.domain;

import java.util.Objects;

/**
 * A PKCE {@code code_verifier}: a high-entropy secret of 43 to 128 characters from the unreserved set
 * {@code [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"}.
 *
 * <p>Related specifications: RFC 7636 section 4.1 (verifier), section 7.1 (entropy).
 *
 * <p>{@link #fromEntropy(byte[])} encodes 32 random bytes (256 bits, the RFC's recommendation) as 43 base64url
 * characters. The value never appears in {@link #toString()}.
 */
public record CodeVerifier(String value) {
    public static final int MIN_LENGTH = 43;
    public static final int MAX_LENGTH = 128;
    /** Random bytes drawn for a verifier by default: 256 bits. */
    public static final int DEFAULT_ENTROPY_BYTES = 32;

    public CodeVerifier {
        Objects.requireNonNull(value, "code verifier == null");
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "a code verifier has 43 to 128 characters (RFC 7636 section 4.1), got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isUnreserved(value.charAt(i))) {
                throw new IllegalArgumentException(
                        "a code verifier uses only unreserved characters (RFC 7636 section 4.1); index " + i + " is not");
            }
        }
    }

    /**
     * Builds a verifier from freshly drawn random bytes; 32 to 96 bytes give 43 to 128 characters.
     *
     * @throws IllegalArgumentException if the bytes would encode to fewer than 43 or more than 128 characters
     */
    public static CodeVerifier fromEntropy(byte[] randomBytes) {
        Objects.requireNonNull(randomBytes, "randomBytes == null");
        if (randomBytes.length < DEFAULT_ENTROPY_BYTES || randomBytes.length > 96) {
            throw new IllegalArgumentException("a code verifier needs 32 to 96 random bytes, got " + randomBytes.length);
        }
        return new CodeVerifier(Base64Url.encode(randomBytes));
    }

    /** The S256 challenge for this verifier (RFC 7636 section 4.2). */
    public CodeChallenge challenge() {
        return CodeChallenge.s256(this);
    }

    static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    @Override
    public String toString() {
        return "CodeVerifier[" + Secrets.REDACTED + "]";
    }
}
