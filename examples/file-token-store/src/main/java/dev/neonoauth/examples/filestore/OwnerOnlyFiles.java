package dev.neonoauth.examples.filestore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Owner-only files and directories, created with their final mode (no window in which a file is readable by others:
 * the mode is set by {@code open(2)}, not by a later {@code chmod}), and replaced atomically: the new content is
 * written and synced to a temporary file in the same directory, then renamed over the target. A reader sees the old
 * file or the new one, never a mix; a crash leaves at worst a stray {@code .tmp} file, which nothing reads.
 *
 * <p>On file systems without POSIX permissions (Windows) the modes are left to the platform.
 */
final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final String TEMP_SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFiles() {}

    /** Creates {@code dir} (and missing parents) as 0700, or tightens it to 0700 when it exists with a wider mode. */
    static void ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix(parent)) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process made it meanwhile; tightened below
            }
        }
        tighten(dir, DIRECTORY_MODE);
    }

    /** Sets the mode to {@code wanted} when the current one grants anything more. */
    static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (posix(path) && !wanted.containsAll(Files.getPosixFilePermissions(path))) {
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    /** Replaces {@code target} atomically with a 0600 file holding {@code content}; durable when this returns. */
    static void replace(Path target, byte[] content) throws IOException {
        Path tmp = writeTemp(target, content);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(target.getParent());
    }

    /**
     * Creates {@code target} as a 0600 file holding {@code content} unless it exists. The content is complete before
     * the name appears (a hard link to a finished temporary file), so a concurrent reader never sees a partial file.
     * Returns false when another writer got there first.
     */
    static boolean createIfAbsent(Path target, byte[] content) throws IOException {
        Path tmp = writeTemp(target, content);
        try {
            try {
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(target.getParent());
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Opens (creating 0600 if needed) a file for writing; used for lock files. */
    static FileChannel openForLocking(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return posix(file.getParent())
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE_MODE))
                : FileChannel.open(file, options);
    }

    static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    private static Path writeTemp(Path target, byte[] content) throws IOException {
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(randomBytes(8)) + TEMP_SUFFIX);
        FileAttribute<?>[] mode = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        Files.createFile(tmp, mode);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** Makes a rename durable (POSIX: fsync the directory). Not every platform can open a directory; then skipped. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open directories; the rename is as durable as the platform makes it
        }
    }

    private static boolean posix(Path path) {
        return path != null && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
