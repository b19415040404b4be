package dev.neonoauth.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the CLI's data directory owner-only while a command uses it: the directory 0700, every file in it 0600.
 *
 * <p>The embedded H2 database creates its files ({@code tokens.mv.db}, {@code tokens.trace.db}, {@code tokens.lock.db},
 * temporary files) with the process's umask, typically 0644; storage-jdbc restricts only the files it writes itself
 * (the key set, the database password). So the guard:
 * <ol>
 *   <li>before the database is opened, creates the directory 0700 (or tightens it), creates the files it is told
 *       about empty and 0600 (H2 takes an empty {@code tokens.mv.db} as a new database and fills it in place, keeping
 *       the mode), and tightens every file already there (older installations);
 *   <li>while the command runs, watches the directory and tightens each file as it appears: a file is wider than
 *       0600 for milliseconds at most, inside a directory no other user can enter;
 *   <li>when closed, tightens everything once more.
 * </ol>
 * Symbolic links are neither followed nor changed. On a file system without POSIX permissions the guard does
 * nothing.
 */
final class DataDirectoryGuard implements AutoCloseable {
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final WatchService watcher;
    private final Thread watching;

    private DataDirectoryGuard(Path directory, WatchService watcher) {
        this.directory = directory;
        this.watcher = watcher;
        this.watching = watcher == null ? null : new Thread(this::watch, "neon-oauth-data-dir-guard");
        if (watching != null) {
            watching.setDaemon(true);
            watching.start();
        }
    }

    /**
     * Prepares {@code directory} and starts guarding it.
     *
     * @param precreate names of files to create empty and owner-only before anything else can create them
     * @throws UncheckedIOException when the directory cannot be created
     */
    static DataDirectoryGuard open(Path directory, List<String> precreate) {
        Path dir = directory.toAbsolutePath();
        createOwnerOnlyDirectory(dir);
        if (!supportsPosix(dir)) {
            return new DataDirectoryGuard(dir, null);
        }
        for (String name : precreate) {
            createOwnerOnlyFile(dir.resolve(name));
        }
        WatchService watcher;
        try {
            watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException | UnsupportedOperationException e) {
            watcher = null; // no watching: the sweeps at open and close still apply
        }
        DataDirectoryGuard guard = new DataDirectoryGuard(dir, watcher);
        guard.tightenAll();
        return guard;
    }

    Path directory() {
        return directory;
    }

    /** Restricts the directory and everything directly in it. */
    void tightenAll() {
        tighten(directory);
        try (Stream<Path> entries = Files.list(directory)) {
            entries.forEach(DataDirectoryGuard::tighten);
        } catch (IOException | UncheckedIOException e) {
            // the directory went away or cannot be listed: nothing to restrict
        }
    }

    /** Stops watching and tightens everything once more. Idempotent. */
    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // closing the watch service fails only if it is closed already
            }
        }
        tightenAll();
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name) {
                        tighten(directory.resolve(name));
                    } else {
                        tightenAll(); // events were lost (overflow)
                    }
                }
                if (!key.reset()) {
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the final sweep follows
        }
    }

    private static void tighten(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                return;
            }
            Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    ? OWNER_ONLY_DIRECTORY : OWNER_ONLY_FILE;
            if (!wanted.equals(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))) {
                Files.setPosixFilePermissions(path, wanted);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // gone already (H2 deletes its lock file on close), or not ours to change
        }
    }

    private static void createOwnerOnlyDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.getParent();
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
                    // another process created it meanwhile (tightened by the sweep), or it is a file: checked below
                }
            }
            if (!Files.isDirectory(dir)) {
                throw new NotDirectoryException(dir.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    private static void createOwnerOnlyFile(Path file) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (FileAlreadyExistsException exists) {
            // there already (tightened by the sweep)
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path != null && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
