package dev.neonoauth.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lazily started part of the storage: key set, connection pool and migrations. Nothing touches the disk or
 * the network until the first store operation ({@link #start()}), which keeps start-up of a CLI fast. A failed start
 * is not remembered: the next operation tries again (the database may come back).
 */
final class Backend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** How many starts ran Flyway (the slow path); tests use it to prove the fast path. */
    static final AtomicInteger migrationsRun = new AtomicInteger();

    static final String GRANT = "neon_oauth_grant";
    static final String PENDING = "neon_oauth_pending_authorization";
    static final String LOCK = "neon_oauth_refresh_lock";
    static final String WEB_SESSION = "neon_oauth_web_session";
    static final String HISTORY = "neon_oauth_schema_history";
    static final String MIGRATIONS = "classpath:db/migration/neonoauth";
    static final String EMBEDDED_DATABASE = "tokens";
    static final String EMBEDDED_PASSWORD_FILE = "h2-password";

    private final JdbcStorageConfig config;
    private final Optional<Path> dataDirectory;
    private final Dialect dialect;
    private final String schemaPrefix;
    private final Object startLock = new Object();
    private volatile Started started;
    private volatile boolean closed;

    private record Started(HikariDataSource dataSource, FieldCipher cipher) {}

    Backend(JdbcStorageConfig config, Optional<Path> dataDirectory) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.dialect = config.jdbcUrl().map(Dialect::of).orElse(Dialect.H2);
        this.schemaPrefix = config.schema().map(s -> "\"" + s + "\".").orElse("");
    }

    Dialect dialect() {
        return dialect;
    }

    /** The table name qualified with the configured schema. */
    String table(String name) {
        return schemaPrefix + name;
    }

    FieldCipher cipher() {
        return start().cipher();
    }

    /** A pooled connection, waiting at most the configured connection timeout. */
    Connection connection() throws SQLException {
        return connection(config.connectionTimeout().toMillis());
    }

    /** A pooled connection, waiting at most {@code maxWaitMillis} for one. */
    Connection connection(long maxWaitMillis) throws SQLException {
        HikariDataSource ds = start().dataSource();
        // HikariDataSource has no per-call timeout; its pool (a public Hikari class) has.
        if (ds.getHikariPoolMXBean() instanceof HikariPool pool) {
            return pool.getConnection(Math.max(1, maxWaitMillis));
        }
        return ds.getConnection();
    }

    /**
     * Makes every commit so far reach the database file before it returns, on a database whose commits do not on
     * their own: the embedded default, where a commit stays in H2's memory for up to
     * {@value #EMBEDDED_WRITE_DELAY_MILLIS} ms (see {@link #embeddedUrl}). There it runs H2's {@code CHECKPOINT}, which writes one chunk with every change
     * not yet written, so commits of other threads that happened meanwhile share the chunk; a second caller that finds
     * nothing left to write returns at once. Elsewhere (PostgreSQL, an H2 URL of the user's own) every commit is as
     * durable as that database makes it, and this does nothing.
     *
     * <p>Called after the writes that must survive a killed process: grants (saved, replaced, deleted), web sessions
     * ended, re-encryption. Writes that a restart may lose without harm (a pending authorization, a new or touched web
     * session) leave it to H2's background writer.
     */
    void makeDurable(Connection c) throws SQLException {
        if (!config.isEmbeddedDefault()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** Removes a connection whose state is unknown (e.g. a failed rollback) from the pool. */
    void evict(Connection connection) {
        Started s = started;
        if (s != null) {
            s.dataSource().evictConnection(connection);
        }
    }

    long defaultLockWaitMillis() {
        return config.connectionTimeout().toMillis();
    }

    int maximumPoolSize() {
        return config.maximumPoolSize();
    }

    boolean isStarted() {
        return started != null;
    }

    private Started start() {
        Started s = started;
        if (s != null) {
            return s;
        }
        synchronized (startLock) {
            if (closed) {
                throw new IllegalStateException("the JDBC storage is closed");
            }
            if (started == null) {
                started = doStart();
            }
            return started;
        }
    }

    private Started doStart() {
        Path dir = null;
        if (config.isEmbeddedDefault()) {
            dir = DataDirectory.ensureOwnerOnlyDirectory(dataDirectory.orElseThrow());
            // files of an older version (0644 from the umask) are tightened before H2 opens them, and again below
            DataDirectory.tightenContents(dir);
        }
        FieldCipher cipher;
        try {
            cipher = new FieldCipher(Keysets.load(config, dir));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key set has no usable AEAD primary key", e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("neon-oauth-jdbc-" + POOLS.incrementAndGet());
        hikari.setMaximumPoolSize(config.maximumPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.maximumPoolSize()));
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setAutoCommit(true);
        if (config.isEmbeddedDefault()) {
            hikari.setJdbcUrl(embeddedUrl(dir));
            hikari.setUsername("neon_oauth");
            hikari.setPassword(embeddedPassword(dir));
        } else {
            hikari.setJdbcUrl(config.jdbcUrl().orElseThrow());
            config.user().ifPresent(hikari::setUsername);
            config.password().ifPresent(hikari::setPassword);
        }
        if (dialect == Dialect.H2) {
            hikari.setConnectionInitSql("SET LOCK_TIMEOUT " + defaultLockWaitMillis());
            // an explicit jdbc:h2:owneronly:/... URL gets owner-only files too (embeddedUrl registers it itself)
            OwnerOnlyFilePath.register();
        }
        String where = config.jdbcUrl().map(JdbcStorageConfig::redactUrl).orElse("embedded H2 in " + dir);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to the token database " + where, true, e);
        }
        try {
            migrate(ds, where);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        if (dir != null) {
            // the database is open now (its lock file exists): tighten whatever an older version created with the umask
            DataDirectory.tightenContents(dir);
        }
        LOG.debug("JDBC token storage started on {} (key id {})", where, cipher.primaryKeyId());
        return new Started(ds, cipher);
    }

    /**
     * Brings the schema to the latest version. The fast path is one query on the history table: when it shows every
     * migration applied, Flyway is skipped and not even loaded (it and its Jackson cost a CLI about 0.35 s per run).
     * Otherwise, or when the query fails, Flyway migrates as before ({@link FlywayMigration}).
     */
    private void migrate(HikariDataSource ds, String where) {
        if (SchemaVersion.isCurrent(ds, schemaPrefix + "\"" + HISTORY + "\"")) {
            return;
        }
        migrationsRun.incrementAndGet();
        FlywayMigration.migrate(ds, config, where);
    }

    /**
     * H2 file database in PostgreSQL mode, on the {@code owneronly:} file system ({@link OwnerOnlyFilePath}): every
     * file H2 creates for it (database, lock, trace, temporary files) is created 0600, never with the umask.
     * AUTO_SERVER lets several processes (concurrent CLI commands) share it, the first one serving the others over a
     * loopback TCP port. WRITE_DELAY={@value #EMBEDDED_WRITE_DELAY_MILLIS}: a commit is kept in memory and H2's
     * background writer writes the commits of the last interval to the file as one chunk, which is also when H2
     * rewrites sparse chunks (it does not with WRITE_DELAY=0, so the file fragments under load). Writes that must
     * survive a killed process do not wait for it: {@link #makeDurable} writes the chunk before they return. A login
     * thus writes one chunk instead of about six (measured: H2 was 60 % of app-web's CPU per login when every commit
     * was its own chunk). TRACE_LEVEL_FILE=0: no {@code tokens.trace.db}. At H2's default level (1, errors) it would
     * record the expected "table not found" of the schema probe on a new database, and nothing in it is needed: errors
     * reach the caller as exceptions. 0 rather than 1: with a level of 1 to 3 in the URL, an AUTO_SERVER client also
     * writes a client trace file under {@code trace.db/} in its working directory, outside the data directory.
     *
     * <p>RETENTION_TIME={@value #EMBEDDED_RETENTION_MILLIS}: how long H2's MVStore keeps the file space of data it has
     * replaced before writing over it. At H2's default of 45 s, with a chunk per commit, 70 logins a second grew the
     * file past 500 MiB; one second bounds it to about a second of chunks plus the live rows (docs/storage-jdbc.md,
     * "File size"). Not 0: H2's SQL engine keeps no old versions, and with both at 0 H2 can reuse a chunk's space
     * while the chunk map still lists it (h2database issues 2752 and 4083). The window guards against a file system
     * that reorders writes; this store's chunks are not fsynced anyway (they survive a killed process, not a power
     * cut).
     *
     * <p>MAX_COMPACT_TIME=0: H2 does not compact the file when the last connection closes. By default it spends up to
     * 200 ms doing so, with an fsync, even when nothing was written: about 20 ms of every CLI command. The background
     * writer rewrites sparse chunks while a process runs, and the space of chunks without live data is reused after
     * the retention window, so short open-write-close cycles keep the file small (docs/storage-jdbc.md).
     */
    static String embeddedUrl(Path dir) {
        return "jdbc:h2:" + OwnerOnlyFilePath.h2Name(dir.resolve(EMBEDDED_DATABASE))
                + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=" + EMBEDDED_WRITE_DELAY_MILLIS + ";RETENTION_TIME=" + EMBEDDED_RETENTION_MILLIS
                + ";MAX_COMPACT_TIME=0;TRACE_LEVEL_FILE=0";
    }

    /** The embedded database's WRITE_DELAY, in milliseconds (see {@link #embeddedUrl}): H2's default. */
    static final int EMBEDDED_WRITE_DELAY_MILLIS = 500;

    /** The embedded database's RETENTION_TIME, in milliseconds (see {@link #embeddedUrl}). */
    static final int EMBEDDED_RETENTION_MILLIS = 1000;

    /**
     * The embedded database's password, generated once and kept owner-only next to it: the AUTO_SERVER port is
     * reachable by every local user, the password file is not.
     */
    private static String embeddedPassword(Path dir) {
        Path file = dir.resolve(EMBEDDED_PASSWORD_FILE);
        try {
            DataDirectory.createOwnerOnlyFile(file, () -> {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
            });
            DataDirectory.tighten(file, DataDirectory.OWNER_ONLY_FILE);
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read " + file, e);
        }
    }

    Duration connectionTimeout() {
        return config.connectionTimeout();
    }

    @Override
    public void close() {
        synchronized (startLock) {
            closed = true;
            Started s = started;
            if (s != null) {
                s.dataSource().close();
            }
        }
    }

    @Override
    public String toString() {
        return "Backend{" + config + "}";
    }
}
