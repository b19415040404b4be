package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PendingAuthorizationStore} on a JDBC database. Rows are keyed by the SHA-256 of the state (hex), so the
 * state itself is never stored; the state has at least 128 bits of entropy, which makes the unsalted hash safe. The
 * PKCE verifier is an AEAD ciphertext bound to {@code (table, column, state_hash)}.
 *
 * <p>{@link #consume} is a single delete-returning statement ({@code DELETE ... RETURNING} on PostgreSQL, a delta
 * table on H2): of concurrent consumers of one state the database lets exactly one delete the row.
 */
final class JdbcPendingAuthorizationStore implements PendingAuthorizationStore {
    static final String CODE_VERIFIER = "code_verifier_ct";
    private static final String COLUMNS = "state_hash, code_verifier_ct, account_key, redirect_uri, requested_scopes, "
            + "return_to, session_binding, created_at, expires_at";

    private final Backend backend;

    JdbcPendingAuthorizationStore(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend == null");
    }

    static String stateHash(State state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }

    @Override
    public void save(PendingAuthorization pending) {
        Objects.requireNonNull(pending, "pending == null");
        String hash = stateHash(pending.state());
        FieldCipher cipher = backend.cipher();
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + backend.table(Backend.PENDING) + " ("
                        + COLUMNS + ", key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, hash);
            ps.setBytes(2, cipher.encrypt(Backend.PENDING, CODE_VERIFIER, hash, pending.codeVerifier().value()));
            ps.setString(3, pending.account().value());
            ps.setString(4, pending.redirectUri().toString());
            ps.setString(5, pending.requestedScopes().render());
            setNullable(ps, 6, pending.returnTo());
            setNullable(ps, 7, pending.sessionBinding());
            ps.setObject(8, JdbcTokenStore.utc(pending.createdAt()));
            ps.setObject(9, JdbcTokenStore.utc(pending.expiresAt()));
            ps.setLong(10, cipher.primaryKeyId());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (StoreErrors.isUniqueViolation(e)) {
                throw new IllegalStateException("a pending authorization with this state exists already");
            }
            throw StoreErrors.unavailable("saving a pending authorization", e);
        }
    }

    @Override
    public Optional<PendingAuthorization> consume(State state) {
        Objects.requireNonNull(state, "state == null");
        String hash = stateHash(state);
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement(
                        backend.dialect().consumePending(backend.table(Backend.PENDING), COLUMNS))) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(decode(rs, state));
            }
        } catch (SQLException e) {
            throw StoreErrors.unavailable("consuming a pending authorization", e);
        }
    }

    private PendingAuthorization decode(ResultSet rs, State state) throws SQLException {
        String hash = rs.getString("state_hash");
        try {
            PendingAuthorization.Builder b = PendingAuthorization.builder();
            b.state(state);
            b.codeVerifier(new CodeVerifier(backend.cipher().decrypt(Backend.PENDING, CODE_VERIFIER, hash,
                    rs.getBytes(CODE_VERIFIER))));
            b.account(AccountKey.of(rs.getString("account_key")));
            b.redirectUri(URI.create(rs.getString("redirect_uri")));
            b.requestedScopes(ScopeSet.parse(rs.getString("requested_scopes")));
            Optional.ofNullable(rs.getString("return_to")).ifPresent(b::returnTo);
            Optional.ofNullable(rs.getString("session_binding")).ifPresent(b::sessionBinding);
            b.createdAt(JdbcTokenStore.instant(rs, "created_at").orElseThrow());
            b.expiresAt(JdbcTokenStore.instant(rs, "expires_at").orElseThrow());
            return b.build();
        } catch (GeneralSecurityException e) {
            throw new StoreUnavailableException("a stored pending authorization cannot be decrypted: its key is not "
                    + "in the key set, or the row was altered or moved", false, e);
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailableException("a stored pending authorization is not valid ("
                    + e.getClass().getSimpleName() + ")", false, null);
        }
    }

    /** Deletes the entries whose expiry is before {@code now}; {@link JdbcStorage} runs it on a schedule. */
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now == null");
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + backend.table(Backend.PENDING) + " WHERE expires_at < ?")) {
            ps.setObject(1, JdbcTokenStore.utc(now));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreErrors.unavailable("purging expired pending authorizations", e);
        }
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
        return "JdbcPendingAuthorizationStore{" + backend + "}";
    }
}
