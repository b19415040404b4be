package dev.neonoauth.examples.filestore;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link TokenStore} in a directory, for a CLI or a desktop tool: one file per account, like {@code gh} or
 * {@code neonctl} keep their credentials, but encrypted.
 *
 * <ul>
 *   <li>File names are the SHA-256 of the account key ({@code <hex>.token}), so any key is a safe name.
 *   <li>The directory is 0700 and every file 0600, from creation (tightened when found wider).
 *   <li>Content is AES-256-GCM with the account's file id as associated data ({@link TokenFileCipher}).
 *   <li>Saves write a synced temporary file and rename it over the old one: readers see the old set or the new one.
 *   <li>{@link #lock} is exclusive across threads (a semaphore per lock file, shared by every instance in the JVM,
 *       because the JVM refuses overlapping {@link FileLock}s) and across processes ({@link FileChannel#tryLock()} on
 *       {@code <hex>.lock}, polled until the timeout). The operating system releases a file lock when its process dies,
 *       so a crashed holder never blocks an account. Lock files stay when tokens are deleted: removing them would let
 *       two processes lock two different files of the same name.
 * </ul>
 */
final class FileTokenStore implements TokenStore {
    static final String TOKEN_SUFFIX = ".token";
    static final String LOCK_SUFFIX = ".lock";
    /** Largest token file read; anything larger is not ours. */
    static final int MAX_FILE_BYTES = 64 * 1024;
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    private static final ConcurrentMap<Path, Semaphore> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;
    private final TokenFileCipher cipher;

    private FileTokenStore(Path directory, TokenFileCipher cipher) {
        this.directory = directory;
        this.cipher = cipher;
    }

    /**
     * Opens the store: creates the directory (0700) and the key file (0600) if needed.
     *
     * @throws StoreUnavailableException when the directory or the key cannot be made or read
     */
    static FileTokenStore open(FileTokenStoreConfig config) {
        Objects.requireNonNull(config, "config == null");
        try {
            OwnerOnlyFiles.ensureDirectory(config.directory());
            return new FileTokenStore(config.directory(), TokenFileCipher.forKeyFile(config.keyFile(), new SecureRandom()));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot open the token directory " + config.directory(), true, e);
        }
    }

    @Override
    public Optional<TokenSet> load(AccountKey account) {
        Objects.requireNonNull(account, "account == null");
        String id = fileId(account);
        return read(tokenFile(id), id).map(entry -> {
            if (!entry.account().equals(account)) {
                throw new StoreUnavailableException(
                        "the token file " + id + TOKEN_SUFFIX + " belongs to another account", false, null);
            }
            return entry.tokens();
        });
    }

    @Override
    public void save(AccountKey account, TokenSet tokens) {
        Objects.requireNonNull(account, "account == null");
        Objects.requireNonNull(tokens, "tokens == null");
        String id = fileId(account);
        byte[] sealed = cipher.seal(TokenFileFormat.encode(account, tokens), id);
        try {
            OwnerOnlyFiles.replace(tokenFile(id), sealed);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot write the token file " + id + TOKEN_SUFFIX, true, e);
        }
    }

    @Override
    public boolean delete(AccountKey account) {
        Objects.requireNonNull(account, "account == null");
        String id = fileId(account);
        try {
            return Files.deleteIfExists(tokenFile(id));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot delete the token file " + id + TOKEN_SUFFIX, true, e);
        }
    }

    /** The accounts whose grant belongs to the resource owner {@code subject}: an extra this store offers. */
    public List<AccountKey> accountsOf(String subject) {
        Objects.requireNonNull(subject, "subject == null");
        List<AccountKey> accounts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + TOKEN_SUFFIX)) {
            for (Path file : files) {
                if (OwnerOnlyFiles.isTemporary(file)) {
                    continue;
                }
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - TOKEN_SUFFIX.length());
                read(file, id)
                        .filter(entry -> entry.tokens().subject().map(subject::equals).orElse(false))
                        .ifPresent(entry -> accounts.add(entry.account()));
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot list the token directory " + directory, true, e);
        }
        accounts.sort(Comparator.comparing(AccountKey::value));
        return List.copyOf(accounts);
    }

    @Override
    public RefreshLock lock(AccountKey account, Duration timeout) {
        Objects.requireNonNull(account, "account == null");
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long waitNanos = (timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout).toNanos();
        long deadline = System.nanoTime() + waitNanos;
        String id = fileId(account);
        Path lockFile = directory.resolve(id + LOCK_SUFFIX);
        Semaphore inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lockFile, f -> new Semaphore(1));
        try {
            if (!inProcess.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw timedOut(account);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted waiting for the refresh lock of " + account, true, e);
        }
        FileChannel channel = null;
        try {
            channel = OwnerOnlyFiles.openForLocking(lockFile);
            FileLock fileLock = tryLock(channel);
            while (fileLock == null) {
                if (System.nanoTime() - deadline >= 0) {
                    throw timedOut(account);
                }
                Thread.sleep(POLL.toMillis());
                fileLock = tryLock(channel);
            }
            return new FileRefreshLock(account, id, channel, fileLock, inProcess);
        } catch (IOException e) {
            release(channel, inProcess);
            throw new StoreUnavailableException("cannot take the refresh lock of " + account, true, e);
        } catch (InterruptedException e) {
            release(channel, inProcess);
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted waiting for the refresh lock of " + account, true, e);
        } catch (RuntimeException e) {
            release(channel, inProcess);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            // only if code outside this class locks our files; treat it as "held" and keep waiting
            return null;
        }
    }

    private static void release(FileChannel channel, Semaphore inProcess) {
        try {
            if (channel != null) {
                channel.close();   // releases the file lock too
            }
        } catch (IOException ignored) {
            // closing a lock file cannot lose data
        } finally {
            inProcess.release();
        }
    }

    private static StoreUnavailableException timedOut(AccountKey account) {
        return new StoreUnavailableException("timed out waiting for the refresh lock of " + account, true, null);
    }

    private Optional<TokenFileFormat.Entry> read(Path file, String id) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read the token file " + id + TOKEN_SUFFIX, true, e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw corrupted(id, "it is larger than " + MAX_FILE_BYTES + " bytes");
        }
        byte[] plaintext;
        try {
            plaintext = cipher.open(bytes, id);
        } catch (GeneralSecurityException e) {
            throw corrupted(id, "it does not decrypt with this store's key (altered, truncated, or another account's)");
        }
        try {
            return Optional.of(TokenFileFormat.decode(plaintext));
        } catch (TokenFileFormat.InvalidRecordException e) {
            throw corrupted(id, e.getMessage());
        }
    }

    private static StoreUnavailableException corrupted(String id, String why) {
        return new StoreUnavailableException("the token file " + id + TOKEN_SUFFIX + " is unusable: " + why, false, null);
    }

    private Path tokenFile(String id) {
        return directory.resolve(id + TOKEN_SUFFIX);
    }

    /** The hex SHA-256 of the account key: the name of the account's files and the cipher's associated data. */
    static String fileId(AccountKey account) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(account.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing; every Java platform must provide it", e);
        }
    }

    Path directory() {
        return directory;
    }

    @Override
    public String toString() {
        return "FileTokenStore{directory=" + directory + "}";
    }

    /** The held lock: reads and writes the account's file while the file lock and the semaphore are held. */
    private final class FileRefreshLock implements RefreshLock {
        private final AccountKey account;
        private final String id;
        private final FileChannel channel;
        private final FileLock fileLock;
        private final Semaphore inProcess;
        private final AtomicBoolean open = new AtomicBoolean(true);

        FileRefreshLock(AccountKey account, String id, FileChannel channel, FileLock fileLock, Semaphore inProcess) {
            this.account = account;
            this.id = id;
            this.channel = channel;
            this.fileLock = fileLock;
            this.inProcess = inProcess;
        }

        @Override
        public Optional<TokenSet> current() {
            requireOpen();
            return load(account);
        }

        @Override
        public void save(TokenSet tokens) {
            requireOpen();
            FileTokenStore.this.save(account, tokens);
        }

        @Override
        public void delete() {
            requireOpen();
            FileTokenStore.this.delete(account);
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                try {
                    fileLock.release();
                } catch (IOException ignored) {
                    // closing the channel below releases it as well
                } finally {
                    release(channel, inProcess);
                }
            }
        }

        private void requireOpen() {
            if (!open.get()) {
                throw new IllegalStateException("the refresh lock of " + account + " was released");
            }
        }

        @Override
        public String toString() {
            return "FileRefreshLock{file=" + id + LOCK_SUFFIX + ", open=" + open.get() + "}";
        }
    }
}
