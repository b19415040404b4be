package dev.neonoauth.examples.filestore;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@code FileTokenStore} keeps its files: the token directory (made 0700) and the AES-256 key file (0600,
 * created on first use). Public because the composition root builds it and hands it to {@link FileTokenStoreModule}.
 *
 * <p>The key file defaults to {@code store.key} inside the directory. That encrypts tokens at rest and binds every
 * file to its account, but whoever can read the whole directory can read the key too; put the key elsewhere (another
 * volume, a mounted secret) with {@link #withKeyFile(Path)} when that matters.
 *
 * @param directory the token directory; made absolute
 * @param keyFile the AES-256 key file; made absolute
 */
public record FileTokenStoreConfig(Path directory, Path keyFile) {
    /** The default key file name inside the token directory. */
    public static final String DEFAULT_KEY_FILE = "store.key";

    public FileTokenStoreConfig {
        Objects.requireNonNull(directory, "directory == null");
        Objects.requireNonNull(keyFile, "keyFile == null");
        directory = directory.toAbsolutePath().normalize();
        keyFile = keyFile.toAbsolutePath().normalize();
    }

    /** Tokens and key in {@code directory}. */
    public static FileTokenStoreConfig inDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory == null");
        return new FileTokenStoreConfig(directory, directory.resolve(DEFAULT_KEY_FILE));
    }

    /** The same directory with the key kept in {@code keyFile}. */
    public FileTokenStoreConfig withKeyFile(Path keyFile) {
        return new FileTokenStoreConfig(directory, keyFile);
    }
}
