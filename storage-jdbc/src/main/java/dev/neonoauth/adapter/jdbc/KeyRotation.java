package dev.neonoauth.adapter.jdbc;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;

/**
 * Key rotation for the AEAD key set: operations on the key set's JSON form, and a command for operators.
 *
 * <p>Public because rotating keys is an operator task outside the application's normal wiring: the static methods
 * transform a key set (for key sets kept in a secret manager), and {@link #main} runs the runbook steps of
 * docs/storage-jdbc.md on a key set file and the configured database. The re-encryption itself is
 * {@link JdbcStorage#reencryptAll()}.
 *
 * <p>Key ids are Tink's 32-bit key ids, shown unsigned. Key material is never printed, except by
 * {@code new-keyset -} which writes a new key set to standard output on purpose.
 */
public final class KeyRotation {

    private KeyRotation() {}

    /** A new key set with one AES-256-GCM primary key, as JSON. */
    public static String newKeyset() {
        return Keysets.serialize(Keysets.generate());
    }

    /**
     * Adds a new enabled AES-256-GCM key that is not primary yet: every instance can decrypt with it before any
     * instance encrypts with it (step 1 of a rotation across several instances).
     */
    public static String addKey(String keysetJson) {
        KeysetHandle handle = Keysets.parse(keysetJson, "the given key set");
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId().setStatus(KeyStatus.ENABLED));
            return Keysets.serialize(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a key", e);
        }
    }

    /** Makes the key with {@code keyId} the primary: new rows are encrypted with it (step 2). */
    public static String promote(String keysetJson, long keyId) {
        KeysetHandle handle = Keysets.parse(keysetJson, "the given key set");
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        int index = indexOf(handle, keyId);
        if (handle.getAt(index).getStatus() != KeyStatus.ENABLED) {
            throw new IllegalArgumentException("key " + keyId + " is not enabled");
        }
        builder.getAt(index).makePrimary();
        return build(builder);
    }

    /** Adds a new key and makes it primary at once: enough when one process uses the key set (the embedded default). */
    public static String rotate(String keysetJson) {
        String added = addKey(keysetJson);
        KeysetHandle handle = Keysets.parse(added, "the given key set");
        return promote(added, Integer.toUnsignedLong(handle.getAt(handle.size() - 1).getId()));
    }

    /**
     * Removes a key that no row uses any more (check {@link JdbcStorage#rowsByKeyId()} first, step 4).
     *
     * @throws IllegalArgumentException for the primary key or an unknown id
     */
    public static String removeKey(String keysetJson, long keyId) {
        KeysetHandle handle = Keysets.parse(keysetJson, "the given key set");
        int index = indexOf(handle, keyId);
        if (handle.getAt(index).isPrimary()) {
            throw new IllegalArgumentException("key " + keyId + " is the primary key; promote another key first");
        }
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        builder.deleteAt(index);
        return build(builder);
    }

    /** The primary key's id. */
    public static long primaryKeyId(String keysetJson) {
        return Integer.toUnsignedLong(Keysets.parse(keysetJson, "the given key set").getPrimary().getId());
    }

    private static int indexOf(KeysetHandle handle, long keyId) {
        for (int i = 0; i < handle.size(); i++) {
            if (Integer.toUnsignedLong(handle.getAt(i).getId()) == keyId) {
                return i;
            }
        }
        throw new IllegalArgumentException("no key with id " + keyId + " in the key set");
    }

    private static String build(KeysetHandle.Builder builder) {
        try {
            return Keysets.serialize(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the key set", e);
        }
    }

    /**
     * The operator command. {@code FILE} is a key set file (rewritten atomically, mode 0600); {@code status} and
     * {@code reencrypt} use the database and key set named by the {@code NEON_OAUTH_*} environment variables
     * ({@link JdbcStorageConfig#fromEnvironment}).
     *
     * <pre>
     * new-keyset FILE|-      create a key set (refuses to overwrite)
     * list FILE              key ids, status, primary
     * add-key FILE           add a key, not primary yet
     * promote FILE KEY_ID    make a key primary
     * rotate FILE            add a key and make it primary
     * remove-key FILE KEY_ID remove a key no row uses any more
     * status                 rows per key id in the database
     * reencrypt              re-encrypt every row under the primary key
     * </pre>
     */
    public static void main(String... args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args == null");
        try {
            String command = args.length > 0 ? args[0] : "";
            switch (command) {
                case "new-keyset" -> {
                    String json = newKeyset();
                    if ("-".equals(arg(args, 1))) {
                        out.println(json);
                    } else {
                        Path file = Path.of(arg(args, 1));
                        if (!DataDirectory.createOwnerOnlyFile(file, json.getBytes(StandardCharsets.UTF_8))) {
                            err.println("refusing to overwrite " + file);
                            return 1;
                        }
                        out.println("created " + file + " with primary key " + primaryKeyId(json));
                    }
                }
                case "list" -> {
                    KeysetHandle handle = Keysets.parse(Keysets.read(Path.of(arg(args, 1))), "file " + arg(args, 1));
                    for (int i = 0; i < handle.size(); i++) {
                        KeysetHandle.Entry e = handle.getAt(i);
                        out.println(Integer.toUnsignedLong(e.getId()) + " " + e.getStatus()
                                + (e.isPrimary() ? " primary" : ""));
                    }
                }
                case "add-key" -> {
                    Path file = Path.of(arg(args, 1));
                    String json = addKey(Keysets.read(file));
                    KeysetHandle handle = Keysets.parse(json, "file " + file);
                    DataDirectory.replaceOwnerOnlyFile(file, json.getBytes(StandardCharsets.UTF_8));
                    out.println("added key " + Integer.toUnsignedLong(handle.getAt(handle.size() - 1).getId())
                            + " (not primary) to " + file);
                }
                case "promote" -> {
                    Path file = Path.of(arg(args, 1));
                    long id = Long.parseLong(arg(args, 2));
                    DataDirectory.replaceOwnerOnlyFile(file, promote(Keysets.read(file), id).getBytes(StandardCharsets.UTF_8));
                    out.println("key " + id + " is now primary in " + file);
                }
                case "rotate" -> {
                    Path file = Path.of(arg(args, 1));
                    String json = rotate(Keysets.read(file));
                    DataDirectory.replaceOwnerOnlyFile(file, json.getBytes(StandardCharsets.UTF_8));
                    out.println("key " + primaryKeyId(json) + " is now primary in " + file
                            + "; run 'reencrypt' next");
                }
                case "remove-key" -> {
                    Path file = Path.of(arg(args, 1));
                    long id = Long.parseLong(arg(args, 2));
                    DataDirectory.replaceOwnerOnlyFile(file, removeKey(Keysets.read(file), id).getBytes(StandardCharsets.UTF_8));
                    out.println("removed key " + id + " from " + file);
                }
                case "status" -> {
                    try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(env))) {
                        long primary = storage.primaryKeyId();
                        out.println("primary key " + primary);
                        storage.rowsByKeyId().forEach((id, rows) -> out.println(id + " " + rows + " rows"
                                + (id == primary ? " (primary)" : "")));
                    }
                }
                case "reencrypt" -> {
                    try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(env))) {
                        out.println("re-encrypted " + storage.reencryptAll() + " rows under key "
                                + storage.primaryKeyId());
                    }
                }
                default -> {
                    err.println("usage: KeyRotation new-keyset FILE|- | list FILE | add-key FILE | promote FILE KEY_ID"
                            + " | rotate FILE | remove-key FILE KEY_ID | status | reencrypt");
                    return 2;
                }
            }
            return 0;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String arg(String[] args, int index) {
        if (args.length <= index) {
            throw new IllegalArgumentException("missing argument " + index + " for " + args[0]);
        }
        return args[index];
    }
}
