package dev.neonoauth.core.domain;

import java.util.Objects;

/**
 * The OAuth 2.0 {@code state} parameter: an unguessable, one-time value that binds the authorization response to
 * the request that started it.
 *
 * <p>Related specifications: RFC 6749 section 4.1.1 and section 10.12 (CSRF); RFC 9700 section 4.7.
 *
 * <p>Generated states carry at least 128 bits of entropy (32 bytes by default), encoded as unpadded base64url.
 * Compare states with {@link #matches(State)}, which runs in constant time.
 */
public record State(String value) {
    /** Fewest random bytes a generated state may carry (128 bits). */
    public static final int MIN_ENTROPY_BYTES = 16;
    /** Longest state this library accepts from a callback; longer values are rejected before any lookup. */
    public static final int MAX_LENGTH = 512;

    public State {
        Secrets.requireVisibleAscii(value, "state");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("state is longer than " + MAX_LENGTH + " characters");
        }
    }

    /**
     * Builds a state from freshly drawn random bytes.
     *
     * @throws IllegalArgumentException if fewer than {@link #MIN_ENTROPY_BYTES} bytes are given
     */
    public static State fromEntropy(byte[] randomBytes) {
        Objects.requireNonNull(randomBytes, "randomBytes == null");
        if (randomBytes.length < MIN_ENTROPY_BYTES) {
            throw new IllegalArgumentException(
                    "a state needs at least " + MIN_ENTROPY_BYTES + " random bytes, got " + randomBytes.length);
        }
        return new State(Base64Url.encode(randomBytes));
    }

    /** Constant-time comparison (the value is an anti-forgery secret until it is consumed). */
    public boolean matches(State other) {
        Objects.requireNonNull(other, "other == null");
        return Secrets.constantTimeEquals(value, other.value);
    }

    @Override
    public String toString() {
        return "State[" + Secrets.REDACTED + "]";
    }
}
