package dev.neonoauth.app.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded data directory owner-only: the directory 0700, every file in it 0600, whoever creates the file.
 * storage-jdbc writes its key set and password files 0600, but the embedded H2 database creates {@code tokens.mv.db},
 * {@code tokens.lock.db} and {@code tokens.trace.db} itself, with the process umask (typically 0644).
 *
 * <p>The directory is made 0700 before anything else starts, so no other user can open a file in it even in the
 * moment between its creation and its tightening; a watch on the directory then tightens each file as it appears, and
 * {@link #close()} (after the storage closed) sweeps once more. On a file system without POSIX permissions it does
 * nothing.
 */
final class OwnerOnlyDataDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyDataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final WatchService watcher;
    private final Thread thread;

    private OwnerOnlyDataDirectory(Path dir, WatchService watcher) {
        this.dir = dir;
        this.watcher = watcher;
        this.thread = watcher == null ? null : new Thread(this::watch, "neon-oauth-web-file-modes");
    }

    /**
     * Creates {@code dir} if needed (0700), tightens what is in it, and keeps tightening until closed.
     *
     * @throws UncheckedIOException when the directory cannot be created or read
     */
    static OwnerOnlyDataDirectory keep(Path dir) {
        try {
            if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir);
                return new OwnerOnlyDataDirectory(dir, null);
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            WatchService watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE); // also files moved in; a rewrite keeps its mode
            OwnerOnlyDataDirectory keeper = new OwnerOnlyDataDirectory(dir, watcher);
            keeper.sweep();
            keeper.thread.setDaemon(true);
            keeper.thread.start();
            return keeper;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the data directory " + dir, e);
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        sweep();
                    } else if (event.context() instanceof Path name) {
                        tighten(dir.resolve(name));
                    }
                }
                if (!key.reset()) {
                    return; // the directory is gone
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed
        }
    }

    /** Tightens the directory and everything directly in it (the embedded storage keeps no subdirectories). */
    void sweep() {
        tighten(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(this::tighten);
        } catch (IOException e) {
            LOG.warn("cannot list the data directory {}: {}", dir, e.getMessage());
        }
    }

    private void tighten(Path path) {
        if (watcher == null) {
            return;
        }
        try {
            if (Files.isSymbolicLink(path)) {
                return; // never change the mode of what a link points to
            }
            Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE;
            if (!wanted.containsAll(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))) {
                Files.setPosixFilePermissions(path, wanted);
            }
        } catch (NoSuchFileException gone) {
            // a temporary file that came and went
        } catch (IOException e) {
            LOG.warn("cannot make {} owner-only: {}", path, e.getMessage());
        }
    }

    /** Stops watching, after a last sweep (call it after the storage closed, so that its last files are covered). */
    @Override
    public void close() {
        if (watcher == null) {
            return;
        }
        sweep();
        try {
            watcher.close();
            thread.join(1000);
        } catch (IOException e) {
            LOG.debug("closing the watch of {}: {}", dir, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "OwnerOnlyDataDirectory{" + dir + "}";
    }
}
