package dev.neonoauth.adapter.jdbc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.h2.store.fs.disk.FilePathDisk;

/**
 * The H2 file system {@code owneronly:}: H2's disk file system, except that every file H2 creates through it is
 * created with mode 0600 and every directory with mode 0700, from the start. H2 itself creates its files with the
 * process umask (usually 0644), which would make the token database readable by every local user.
 *
 * <p>The embedded default's URL is {@code jdbc:h2:owneronly:<data dir>/tokens;...} ({@code Backend.embeddedUrl}).
 * H2 derives every file name of a database from its name, scheme included (the MVStore file {@code tokens.mv.db},
 * the AUTO_SERVER lock file {@code tokens.lock.db}, the trace file {@code tokens.trace.db}, the files of a full
 * compaction {@code tokens.mv.db.tempFile} and {@code .newFile}, LOB temporary files in {@code java.io.tmpdir}),
 * and resolves each through {@link FilePath#get}, so all of them come through this class. What creates a file:
 * <ul>
 *   <li>{@link #open} with a writable mode ({@code rw}, {@code rws}, {@code rwd}: H2 opens those with
 *       {@code CREATE}) and {@link #newOutputStream}: an absent file is first created empty with mode 0600, then H2
 *       opens the existing file as before (a concurrent creator simply wins; the file is then not ours to set);
 *   <li>{@link #createFile} (the lock file; "true only if this call created it" is kept): created with mode 0600;
 *   <li>{@link #createTempFile}: created with mode 0600, in the same place and with the same name pattern as H2's;
 *   <li>{@link #createDirectory} and the parent directories {@link #newOutputStream} creates: mode 0700.
 * </ul>
 * Everything else (reading, moving, deleting, listing, locking) is H2's disk file system unchanged. On a file system
 * without POSIX permissions the calls go to H2 unchanged, so nothing fails there. Files that existed before (created
 * by an older version) keep their mode here; {@code Backend} tightens those when it starts.
 *
 * <p><b>Not API.</b> The class is public only because H2 creates instances of a {@link FilePathWrapper} by reflection
 * ({@code getClass().getDeclaredConstructor().newInstance()}, from the {@code org.h2.store.fs} package), which needs
 * a public class and a public no-argument constructor. The module uses {@code register()} and {@code h2Name(Path)}.
 */
public final class OwnerOnlyFilePath extends FilePathWrapper {
    /** The URL scheme: {@code jdbc:h2:owneronly:/absolute/path/name}. */
    static final String SCHEME = "owneronly";

    /** For H2, which creates one per path by reflection; applications have no use for it. */
    public OwnerOnlyFilePath() {
        // H2 sets the name and the wrapped path
    }

    /**
     * Registers the scheme with H2, once per class loader (class initialisation is thread-safe and runs once), so
     * concurrent starts need no further locking. Idempotent.
     */
    static void register() {
        Registration.done();
    }

    private static final class Registration {
        static {
            FilePath.register(new OwnerOnlyFilePath());
        }

        static void done() {
            // the static initialiser did the work
        }
    }

    /** The H2 file name of {@code file} on this file system, with the scheme registered. */
    static String h2Name(Path file) {
        register();
        return SCHEME + ":" + file.toAbsolutePath();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (mode.indexOf('w') >= 0) {
            createOwnerOnlyIfAbsent(false);
        }
        return super.open(mode);
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        createOwnerOnlyIfAbsent(true);
        return super.newOutputStream(append);
    }

    @Override
    public boolean createFile() {
        Optional<Path> file = posixDiskPath();
        if (file.isPresent()) {
            try {
                Files.createFile(file.get(), PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_FILE));
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            } catch (IOException | UnsupportedOperationException other) {
                // H2 retries transient failures; let it, and tighten what it creates
            }
        }
        boolean created = super.createFile();
        if (created) {
            tightenQuietly(file, DataDirectory.OWNER_ONLY_FILE);
        }
        return created;
    }

    @Override
    public void createDirectory() {
        Optional<Path> dir = posixDiskPath();
        if (dir.isPresent()) {
            try {
                Files.createDirectory(dir.get(),
                        PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_DIRECTORY));
                return;
            } catch (IOException | UnsupportedOperationException failed) {
                // H2 reports an existing path and retries transient failures with its own error
            }
        }
        super.createDirectory();
        tightenQuietly(dir, DataDirectory.OWNER_ONLY_DIRECTORY);
    }

    /**
     * As H2's disk file system: {@code <name>.<random><suffix>} next to this file, or in {@code java.io.tmpdir} when
     * {@code inTempDir} (H2 uses that for LOB and large-result spill files); but created with mode 0600 explicitly.
     */
    @Override
    public FilePath createTempFile(String suffix, boolean inTempDir) throws IOException {
        Optional<Path> self = diskPath();
        if (self.isEmpty()) {
            return super.createTempFile(suffix, inTempDir);
        }
        Path pattern = Paths.get(self.get() + ".").toAbsolutePath();
        String prefix = pattern.getFileName().toString();
        Path dir = inTempDir ? Paths.get(System.getProperty("java.io.tmpdir", ".")) : pattern.getParent();
        if (!DataDirectory.supportsPosix(dir)) {
            return super.createTempFile(suffix, inTempDir);
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_DIRECTORY));
        }
        Path created = Files.createTempFile(dir, prefix, suffix,
                PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_FILE));
        return wrap(FilePath.get(created.toString()));
    }

    /**
     * Creates this file empty with mode 0600 unless it exists, before H2 opens it with {@code CREATE}. A file that
     * another thread or process creates meanwhile is left alone. {@code withParents}: create missing parent
     * directories (0700) first, as H2 does before an output stream.
     */
    private void createOwnerOnlyIfAbsent(boolean withParents) throws IOException {
        Optional<Path> file = posixDiskPath();
        if (file.isEmpty() || Files.exists(file.get())) {
            return;
        }
        Path parent = file.get().toAbsolutePath().getParent();
        if (withParents && parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_DIRECTORY));
        }
        try {
            Files.createFile(file.get(), PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_FILE));
        } catch (FileAlreadyExistsException raced) {
            // created concurrently; H2 opens that one
        } catch (UnsupportedOperationException noPosix) {
            // cannot happen after supportsPosix; H2 creates it as before
        }
    }

    /** The path on the default file system, when H2's plain disk file system is wrapped (always, for our URLs). */
    private Optional<Path> diskPath() {
        FilePath base = getBase();
        if (base == null || base.getClass() != FilePathDisk.class) {
            return Optional.empty();
        }
        try {
            return Optional.of(Paths.get(base.name));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** {@link #diskPath()}, when its directory's file system has POSIX permissions. */
    private Optional<Path> posixDiskPath() {
        return diskPath().filter(p -> DataDirectory.supportsPosix(p.toAbsolutePath().getParent()));
    }

    private static void tightenQuietly(Optional<Path> path, Set<PosixFilePermission> mode) {
        if (path.isEmpty()) {
            return;
        }
        try {
            DataDirectory.tighten(path.get(), mode);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the start-up sweep in Backend tries again
        }
    }
}
