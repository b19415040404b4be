package dev.neonoauth.adapter.jdbc;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadWrapper;
import com.google.crypto.tink.aead.AesGcmKeyManager;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading, generating and writing Tink AEAD key sets in Tink's JSON format. Errors name the source (variable or
 * file), never the content.
 */
final class Keysets {
    private static final Logger LOG = LoggerFactory.getLogger(Keysets.class);
    static final String EMBEDDED_KEYSET_FILE = "keyset.json";

    /**
     * Only AES-GCM, the key type this module generates, is registered up front: registering every AEAD key type of
     * Tink ({@link AeadConfig}, which its class initializer already does) took about 20 ms of every CLI command. A
     * key set given by the operator with another AEAD key type (AES-GCM-SIV, ChaCha20-Poly1305, ...) still works:
     * {@link #parse} registers the rest the first time such a key set does not yield a primitive.
     */
    static {
        try {
            AesGcmKeyManager.register(true);
            AeadWrapper.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static volatile boolean everyAeadTypeRegistered;

    private static synchronized void registerEveryAeadType() throws GeneralSecurityException {
        if (!everyAeadTypeRegistered) {
            AeadConfig.register();
            everyAeadTypeRegistered = true;
        }
    }

    private Keysets() {}

    /** A new key set with one AES-256-GCM key (Tink output prefix, so ciphertexts name their key). */
    static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an AES-256-GCM key", e);
        }
    }

    static KeysetHandle parse(String json, String source) {
        try {
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            try {
                new FieldCipher(handle); // fails early when the key set holds no usable AEAD primary
            } catch (GeneralSecurityException notAesGcm) {
                if (everyAeadTypeRegistered) {
                    throw notAesGcm;
                }
                registerEveryAeadType(); // another AEAD key type: parse again with every type known
                handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
                new FieldCipher(handle);
            }
            return handle;
        } catch (GeneralSecurityException | RuntimeException e) {
            // the exception text of the JSON parser can quote the input: do not chain it
            throw new IllegalStateException("the key set from " + source + " is not a valid Tink AEAD key set in "
                    + "JSON format (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String serialize(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialise the key set", e);
        }
    }

    /** Loads the key set the configuration names, creating the embedded default's key file when needed. */
    static KeysetHandle load(JdbcStorageConfig config, Path dataDirectory) {
        if (config.keysetJson().isPresent()) {
            return parse(config.keysetJson().get(), JdbcStorageConfig.ENV_KEYSET + " (inline key set)");
        }
        if (config.keysetFile().isPresent()) {
            Path file = config.keysetFile().get();
            warnIfReadableByOthers(file);
            return parse(read(file), "file " + file);
        }
        if (!config.isEmbeddedDefault()) {
            throw new IllegalStateException("no key set configured"); // JdbcStorageConfig.build() prevents this
        }
        Path file = dataDirectory.resolve(EMBEDDED_KEYSET_FILE);
        try {
            if (DataDirectory.createOwnerOnlyFile(file,
                    () -> serialize(generate()).getBytes(StandardCharsets.UTF_8))) {
                LOG.info("created a new encryption key set at {} (back it up: without it the stored tokens are lost)",
                        file);
            }
            DataDirectory.tighten(file, DataDirectory.OWNER_ONLY_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key set file " + file, e);
        }
        return parse(read(file), "file " + file);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the key set file " + file + " does not exist (" + JdbcStorageConfig.ENV_KEYSET_FILE
                    + "); create one with 'KeyRotation new-keyset " + file + "'");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key set file " + file, e);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null && Files.exists(file)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (!DataDirectory.OWNER_ONLY_FILE.containsAll(perms)) {
                    LOG.warn("the key set file {} has permissions {}; it should be readable by its owner only (0600)",
                            file, PosixFilePermissions.toString(perms));
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read the permissions of {}", file, e);
        }
    }
}
