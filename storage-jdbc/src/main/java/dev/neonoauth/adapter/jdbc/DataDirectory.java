package dev.neonoauth.adapter.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's data directory (XDG Base Directory rules) and owner-only file handling: directories 0700,
 * files 0600, created with those modes from the start (no window with wider permissions) and tightened when found
 * wider. On file systems without POSIX permissions the modes are left to the platform.
 */
final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {}

    /**
     * {@code $NEON_OAUTH_DATA_DIR}, else {@code $XDG_DATA_HOME/neon-oauth} (only if absolute, as the XDG spec
     * requires), else {@code $HOME/.local/share/neon-oauth}, else {@code userHome/.local/share/neon-oauth}.
     */
    static Path resolve(Map<String, String> env, String userHome) {
        Optional<String> explicit = nonBlank(env.get(JdbcStorageConfig.ENV_DATA_DIR));
        if (explicit.isPresent()) {
            return Path.of(explicit.get()).toAbsolutePath();
        }
        Optional<Path> xdg = nonBlank(env.get("XDG_DATA_HOME")).map(Path::of).filter(Path::isAbsolute);
        if (xdg.isPresent()) {
            return xdg.get().resolve("neon-oauth");
        }
        String home = nonBlank(env.get("HOME")).orElse(userHome);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("cannot find a data directory: set " + JdbcStorageConfig.ENV_DATA_DIR
                    + ", XDG_DATA_HOME or HOME");
        }
        return Path.of(home, ".local", "share", "neon-oauth");
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** Creates the directory (and parents) if needed and makes sure it is 0700. */
    static Path ensureOwnerOnlyDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    if (supportsPosix(parent)) {
                        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                    } else {
                        Files.createDirectory(dir);
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another process created it meanwhile; tightened below
                }
            }
            tighten(dir, OWNER_ONLY_DIRECTORY);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    /**
     * Writes {@code content} to {@code file} as a new 0600 file, atomically (temporary file + rename), unless the
     * file exists already. Returns false when it existed (another process may have won the race).
     */
    static boolean createOwnerOnlyFile(Path file, byte[] content) throws IOException {
        return createOwnerOnlyFile(file, () -> content);
    }

    /**
     * As {@link #createOwnerOnlyFile(Path, byte[])}, with the content generated only when the file does not exist:
     * a key or password is not generated (random bytes, a Tink key set) at every start of a process that finds it.
     */
    static boolean createOwnerOnlyFile(Path file, Supplier<byte[]> content) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path tmp = writeOwnerOnlyTemp(file, content.get());
        try {
            // createLink fails if the target exists: no process overwrites another's key file
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (Files.exists(file)) {
                return false;
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code file} atomically with a 0600 file holding {@code content}. */
    static void replaceOwnerOnlyFile(Path file, byte[] content) throws IOException {
        Path tmp = writeOwnerOnlyTemp(file, content);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path writeOwnerOnlyTemp(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = supportsPosix(dir)
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        Files.write(tmp, content);
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return tmp;
    }

    /** Sets the permissions to {@code wanted} if they are wider; logs when it had to. */
    static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!supportsPosix(path)) {
            return;
        }
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (!wanted.containsAll(actual)) {
            LOG.warn("{} had permissions {}; tightened to {}", path, PosixFilePermissions.toString(actual),
                    PosixFilePermissions.toString(wanted));
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    /**
     * Tightens what is directly in {@code dir}: regular files to 0600, directories to 0700 (symbolic links and
     * other entries are left alone). For the embedded database's files that an older version created with the
     * umask. A file that disappears meanwhile (H2 deletes its lock and temporary files) is skipped; a file that
     * cannot be changed (another owner) is logged and skipped: it does not stop the storage.
     */
    static void tightenContents(Path dir) {
        if (!supportsPosix(dir)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        } catch (IOException e) {
            LOG.warn("cannot list {} to check the permissions of its files: {}", dir, e.toString());
            return;
        }
        for (Path entry : entries) {
            try {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    tighten(entry, OWNER_ONLY_FILE);
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    tighten(entry, OWNER_ONLY_DIRECTORY);
                }
            } catch (NoSuchFileException gone) {
                // deleted meanwhile
            } catch (IOException e) {
                LOG.warn("cannot restrict the permissions of {}: {}", entry, e.toString());
            }
        }
    }

    static boolean supportsPosix(Path path) {
        return path != null && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
