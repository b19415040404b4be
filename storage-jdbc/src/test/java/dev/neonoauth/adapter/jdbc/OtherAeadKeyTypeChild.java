package dev.neonoauth.adapter.jdbc;

import com.google.crypto.tink.KeysetHandle;

/**
 * The process {@link OtherAeadKeyTypeTest} starts: a new JVM, so that only what {@link Keysets} registers up front
 * (AES-GCM) is known to Tink when it parses the key set given as the first argument. Encrypts and decrypts a value
 * with it and prints {@code ok} and the primary key's type.
 */
final class OtherAeadKeyTypeChild {
    private OtherAeadKeyTypeChild() {}

    public static void main(String[] args) throws Exception {
        KeysetHandle handle = Keysets.parse(args[0], "the argument");
        FieldCipher cipher = new FieldCipher(handle);
        byte[] sealed = cipher.encrypt("tokens", "access_token", "row-1", "a value");
        String opened = cipher.decrypt("tokens", "access_token", "row-1", sealed);
        System.out.println(("a value".equals(opened) ? "ok " : "wrong ") + handle.getPrimary().getKey().getClass().getSimpleName());
    }
}
