package dev.neonoauth.sandbox.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/** Creates the persisted state file owner-only (0600), and its missing parent directories owner-only (0700). */
final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {}

    /**
     * Makes {@code file} (absolute) exist with owner-only permissions, creating its missing parent directories with
     * mode 0700. Existing directories are not touched. An existing file loses every group and others permission.
     * Without POSIX permissions (e.g. Windows) the directories and file are created with the platform's defaults.
     */
    static void prepare(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            createMissingDirectories(file.getParent(), posix);
            if (!posix) {
                return;
            }
            try {
                // the mode is set at creation (umask can only remove bits), so the file is never readable by others
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                Files.setPosixFilePermissions(file, FILE);
            } catch (FileAlreadyExistsException e) {
                Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
                if (current.stream().anyMatch(GROUP_AND_OTHERS::contains)) {
                    Set<PosixFilePermission> tightened = EnumSet.copyOf(current);
                    tightened.removeAll(GROUP_AND_OTHERS);
                    Files.setPosixFilePermissions(file, tightened);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox state file " + file + " owner-only", e);
        }
    }

    private static void createMissingDirectories(Path dir, boolean posix) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path d = dir; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.push(d);
        }
        while (!missing.isEmpty()) {
            Path d = missing.pop();
            try {
                if (posix) {
                    Files.createDirectory(d, PosixFilePermissions.asFileAttribute(DIRECTORY));
                    Files.setPosixFilePermissions(d, DIRECTORY);
                } else {
                    Files.createDirectory(d);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(d)) {
                    throw e;
                }
                // created concurrently by someone else: not ours, left as it is
            }
        }
    }
}
