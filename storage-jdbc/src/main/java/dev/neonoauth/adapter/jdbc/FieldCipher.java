package dev.neonoauth.adapter.jdbc;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Encrypts one column value of one row with the key set's primary key (AEAD, AES-256-GCM). The associated data is
 * {@code neon-oauth/v1 \0 table \0 column \0 row id}: a ciphertext copied to another row, another column or another
 * table fails authentication instead of decrypting. Ciphertexts carry Tink's 5-byte prefix naming the key, so any
 * key still in the key set decrypts them after a rotation.
 */
final class FieldCipher {
    private static final String AAD_VERSION = "neon-oauth/v1";

    private final Aead aead;
    private final long primaryKeyId;

    FieldCipher(KeysetHandle handle) throws GeneralSecurityException {
        Objects.requireNonNull(handle, "handle == null");
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryKeyId = Integer.toUnsignedLong(handle.getPrimary().getId());
    }

    /** The id of the key new ciphertexts are made with (stored in each row's {@code key_id}). */
    long primaryKeyId() {
        return primaryKeyId;
    }

    byte[] encrypt(String table, String column, String rowId, String plaintext) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(table, column, rowId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed for " + table + "." + column, e);
        }
    }

    /** @throws GeneralSecurityException when no key in the set authenticates the ciphertext for this row and column */
    String decrypt(String table, String column, String rowId, byte[] ciphertext) throws GeneralSecurityException {
        byte[] plaintext = aead.decrypt(ciphertext, associatedData(table, column, rowId));
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    static byte[] associatedData(String table, String column, String rowId) {
        return (AAD_VERSION + '\0' + table + '\0' + column + '\0' + rowId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FieldCipher{primaryKeyId=" + primaryKeyId + "}";
    }
}
