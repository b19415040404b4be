package dev.neonoauth.sandbox.internal.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random opaque values and hashes. Tokens are stored only as SHA-256 hashes, never in clear. */
public final class Crypto {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Crypto() {
    }

    /** {@code bytes} random bytes, base64url without padding. */
    public static String randomUrlSafe(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return B64URL.encodeToString(b);
    }

    /**
     * An opaque token in the shape Hydra v2 hands out: {@code ory_at_}/{@code ory_rt_}/{@code ory_ac_} prefix, a
     * random key and a second random part after a dot (in Hydra the HMAC signature).
     */
    public static String opaqueToken(String prefix) {
        return prefix + randomUrlSafe(32) + "." + randomUrlSafe(32);
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }

    /** The storage key of a token: base64url(SHA-256(token)). */
    public static String hash(String token) {
        return B64URL.encodeToString(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    public static String base64Url(byte[] data) {
        return B64URL.encodeToString(data);
    }

    /** Constant-time comparison of two strings. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
