package dev.neonoauth.core.port.out;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Out-port: the source of cryptographically strong random bytes behind every state and PKCE verifier. Injected so that
 * tests can be deterministic; production code uses {@link #system()}.
 */
@FunctionalInterface
public interface SecureRandomSource {

    /** Fills {@code bytes} with random bytes. */
    void nextBytes(byte[] bytes);

    /** Returns a source backed by a new {@link SecureRandom} with the platform's default strong algorithm. */
    static SecureRandomSource system() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }

    /** Returns a source backed by the given {@link SecureRandom}. */
    static SecureRandomSource of(SecureRandom random) {
        Objects.requireNonNull(random, "random == null");
        return random::nextBytes;
    }
}
