package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@link TokenStore} on a JDBC database. One row per account in {@code neon_oauth_grant}; the access and refresh
 * tokens are AEAD ciphertexts bound to {@code (table, column, account_key)}. A save is one statement (an upsert), so
 * one transaction: a reader or a crash sees the old row or the new one, never a mix.
 *
 * <p>The refresh lock ({@link JdbcRefreshLock}) is a row lock (an in-place {@code UPDATE} of the row, held until the lock's transaction ends) on the account's row in
 * {@code neon_oauth_refresh_lock}, held by an open transaction on a dedicated connection: it excludes every process
 * sharing the database, and it disappears with the holder's connection when the holder crashes.
 */
final class JdbcTokenStore implements TokenStore {
    static final String ACCESS_TOKEN = "access_token_ct";
    static final String REFRESH_TOKEN = "refresh_token_ct";
    private static final String SELECT_COLUMNS = "account_key, subject, access_token_ct, refresh_token_ct, expires_at, "
            + "granted_scopes, token_type, issued_at";

    private final Backend backend;
    /**
     * Lock holders in this process, at most pool size - 1: each holds a connection for the lock's lifetime, and at
     * least one connection must stay free for the saves made inside locks, or the pool would starve itself.
     */
    private final Semaphore lockHolders;

    JdbcTokenStore(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend == null");
        this.lockHolders = new Semaphore(backend.maximumPoolSize() - 1, true);
    }

    @Override
    public Optional<TokenSet> load(AccountKey account) {
        Objects.requireNonNull(account, "account == null");
        try (Connection c = backend.connection()) {
            return read(c, account);
        } catch (SQLException e) {
            throw StoreErrors.unavailable("loading the grant of account '" + account + "'", e);
        }
    }

    Optional<TokenSet> read(Connection c, AccountKey account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + SELECT_COLUMNS + " FROM " + backend.table(Backend.GRANT) + " WHERE account_key = ?")) {
            ps.setString(1, account.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(decode(rs)) : Optional.empty();
            }
        }
    }

    private TokenSet decode(ResultSet rs) throws SQLException {
        String accountKey = rs.getString("account_key");
        FieldCipher cipher = backend.cipher();
        try {
            TokenSet.Builder b = TokenSet.builder();
            b.accessToken(new AccessToken(cipher.decrypt(Backend.GRANT, ACCESS_TOKEN, accountKey,
                    rs.getBytes(ACCESS_TOKEN))));
            byte[] refresh = rs.getBytes(REFRESH_TOKEN);
            if (refresh != null) {
                b.refreshToken(new RefreshToken(cipher.decrypt(Backend.GRANT, REFRESH_TOKEN, accountKey, refresh)));
            }
            instant(rs, "expires_at").ifPresent(b::expiresAt);
            b.grantedScopes(ScopeSet.parse(rs.getString("granted_scopes")));
            b.issuedAt(instant(rs, "issued_at").orElseThrow());
            Optional.ofNullable(rs.getString("subject")).ifPresent(b::subject);
            return b.build();
        } catch (GeneralSecurityException e) {
            throw new StoreUnavailableException("the stored grant of account '" + accountKey + "' cannot be decrypted: "
                    + "its key is not in the key set, or the row was altered or moved", false, e);
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailableException("the stored grant of account '" + accountKey + "' is not valid ("
                    + e.getClass().getSimpleName() + ")", false, null);
        }
    }

    @Override
    public void save(AccountKey account, TokenSet tokens) {
        Objects.requireNonNull(account, "account == null");
        Objects.requireNonNull(tokens, "tokens == null");
        try (Connection c = backend.connection()) {
            write(c, account, tokens);
            backend.makeDurable(c);
        } catch (SQLException e) {
            throw StoreErrors.unavailable("saving the grant of account '" + account + "'", e);
        }
    }

    /** The upsert: one statement, committed by auto-commit when it returns. */
    void write(Connection c, AccountKey account, TokenSet tokens) throws SQLException {
        FieldCipher cipher = backend.cipher();
        String key = account.value();
        try (PreparedStatement ps = c.prepareStatement(backend.dialect().upsertGrant(backend.table(Backend.GRANT)))) {
            ps.setString(1, key);
            setNullable(ps, 2, tokens.subject());
            ps.setBytes(3, cipher.encrypt(Backend.GRANT, ACCESS_TOKEN, key, tokens.accessToken().value()));
            if (tokens.refreshToken().isPresent()) {
                ps.setBytes(4, cipher.encrypt(Backend.GRANT, REFRESH_TOKEN, key, tokens.refreshToken().get().value()));
            } else {
                ps.setNull(4, Types.BINARY);
            }
            if (tokens.expiresAt().isPresent()) {
                ps.setObject(5, utc(tokens.expiresAt().get()));
            } else {
                ps.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            ps.setString(6, tokens.grantedScopes().render());
            ps.setString(7, "Bearer"); // kept for the column; only Bearer tokens are stored (RFC 6750)
            ps.setObject(8, utc(tokens.issuedAt()));
            ps.setLong(9, cipher.primaryKeyId());
            ps.executeUpdate();
        }
    }

    @Override
    public boolean delete(AccountKey account) {
        Objects.requireNonNull(account, "account == null");
        try (Connection c = backend.connection()) {
            boolean removed = remove(c, account);
            backend.makeDurable(c);
            return removed;
        } catch (SQLException e) {
            throw StoreErrors.unavailable("deleting the grant of account '" + account + "'", e);
        }
    }

    boolean remove(Connection c, AccountKey account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM " + backend.table(Backend.GRANT) + " WHERE account_key = ?")) {
            ps.setString(1, account.value());
            return ps.executeUpdate() > 0;
        }
    }

    /** The accounts whose grant belongs to the given resource owner ({@link TokenSet#subject()}), in key order. */
    public List<AccountKey> accountsOf(String subject) {
        Objects.requireNonNull(subject, "subject == null");
        List<AccountKey> accounts = new ArrayList<>();
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT account_key FROM " + backend.table(Backend.GRANT) + " WHERE subject = ?")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.add(AccountKey.of(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.unavailable("listing the accounts of a subject", e);
        }
        // key order as Java orders strings, independent of the database's collation
        accounts.sort(Comparator.comparing(AccountKey::value));
        return List.copyOf(accounts);
    }

    /** Deletes every grant of the Neon user {@code subject} in one statement; returns how many. */
    int deleteAllOf(String subject) {
        Objects.requireNonNull(subject, "subject == null");
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + backend.table(Backend.GRANT) + " WHERE subject = ?")) {
            ps.setString(1, subject);
            int deleted = ps.executeUpdate();
            backend.makeDurable(c);
            return deleted;
        } catch (SQLException e) {
            throw StoreErrors.unavailable("deleting the grants of a subject", e);
        }
    }

    @Override
    public RefreshLock lock(AccountKey account, Duration timeout) {
        Objects.requireNonNull(account, "account == null");
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String what = "taking the refresh lock of account '" + account + "' within " + timeout;
        try {
            if (!lockHolders.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StoreUnavailableException(what + ": every lock connection of this process is in use", true, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(what + ": interrupted", true, e);
        }
        try {
            return JdbcRefreshLock.acquire(this, backend, account, deadline, what, lockHolders::release);
        } catch (RuntimeException e) {
            lockHolders.release();
            throw e;
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static void setNullable(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    @Override
    public String toString() {
        return "JdbcTokenStore{" + backend + "}";
    }
}
