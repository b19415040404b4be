package dev.neonoauth.examples.filestore;

import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for token files, with the JDK alone. A file is {@code magic(4) | nonce(12) | ciphertext+tag(16)}; the
 * associated data names the format and the account's file id, so a file copied over another account's file fails to
 * decrypt. The 256-bit key lives in a 0600 key file, created on first use.
 */
final class TokenFileCipher {
    private static final byte[] MAGIC = {'N', 'O', 'F', '1'};
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String AAD_PREFIX = "neon-oauth-example-file-token-store/v1 ";

    private final SecretKeySpec key;
    private final SecureRandom random;

    private TokenFileCipher(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** Reads the key file, creating it (0600, 32 random bytes) when it does not exist. */
    static TokenFileCipher forKeyFile(Path keyFile, SecureRandom random) throws IOException {
        Path parent = keyFile.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            OwnerOnlyFiles.ensureDirectory(parent);
        }
        if (!Files.exists(keyFile)) {
            byte[] fresh = new byte[KEY_BYTES];
            random.nextBytes(fresh);
            OwnerOnlyFiles.createIfAbsent(keyFile, fresh);   // false: another process created it first; use theirs
            Arrays.fill(fresh, (byte) 0);
        }
        OwnerOnlyFiles.tighten(keyFile, OwnerOnlyFiles.FILE_MODE);
        byte[] key;
        try {
            key = Files.readAllBytes(keyFile);
        } catch (NoSuchFileException e) {
            throw new StoreUnavailableException("the key file " + keyFile + " disappeared", true, e);
        }
        if (key.length != KEY_BYTES) {
            throw new StoreUnavailableException(
                    "the key file " + keyFile + " does not hold a 256-bit key (" + key.length + " bytes)", false, null);
        }
        return new TokenFileCipher(key, random);
    }

    byte[] seal(byte[] plaintext, String fileId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(fileId));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length)
                    .put(MAGIC).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available; every Java platform must provide it", e);
        }
    }

    /** @throws GeneralSecurityException when the file is not ours, was altered, or belongs to another account */
    byte[] open(byte[] file, String fileId) throws GeneralSecurityException {
        if (file.length < MAGIC.length + NONCE_BYTES + TAG_BITS / 8
                || !Arrays.equals(MAGIC, Arrays.copyOfRange(file, 0, MAGIC.length))) {
            throw new GeneralSecurityException("not a token file of this format");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key,
                new GCMParameterSpec(TAG_BITS, file, MAGIC.length, NONCE_BYTES));
        cipher.updateAAD(aad(fileId));
        int offset = MAGIC.length + NONCE_BYTES;
        return cipher.doFinal(file, offset, file.length - offset);
    }

    private static byte[] aad(String fileId) {
        return (AAD_PREFIX + fileId).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "TokenFileCipher[AES-256-GCM, key redacted]";
    }
}
