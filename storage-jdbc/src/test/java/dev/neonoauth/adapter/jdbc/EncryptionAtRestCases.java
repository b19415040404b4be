package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Security at rest, checked on the raw rows: no plaintext token, verifier or state in any column; ciphertexts bound
 * to their row and column; a foreign key set is refused. Runs on H2 and PostgreSQL.
 */
abstract class EncryptionAtRestCases {
    private JdbcStorage storage;
    private String keyset;

    abstract TestDatabase database();

    @BeforeEach
    void open() {
        keyset = KeyRotation.newKeyset();
        storage = JdbcStorage.open(database().configWith(keyset).build());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void rowsShouldHoldNoPlaintextSecretAndTheStateOnlyAsItsHash() throws Exception {
        String marker = UUID.randomUUID().toString();
        AccountKey account = Fixtures.account("at-rest");
        TokenSet tokens = Fixtures.tokens(marker);
        storage.tokenStore().save(account, tokens);
        State state = Fixtures.state();
        PendingAuthorization pending = Fixtures.pending(state);
        storage.pendingAuthorizationStore().save(pending);

        String grantRow = rawRow(Backend.GRANT, "account_key", account.value());
        String pendingRow = rawRow(Backend.PENDING, "state_hash", JdbcPendingAuthorizationStore.stateHash(state));

        assertThat(grantRow).contains(account.value()).contains("neon-user-" + marker)
                .doesNotContain(tokens.accessToken().value())
                .doesNotContain(tokens.refreshToken().orElseThrow().value())
                .doesNotContain("SECRET");
        assertThat(pendingRow).contains(JdbcPendingAuthorizationStore.stateHash(state))
                .doesNotContain(state.value())
                .doesNotContain(pending.codeVerifier().value());
        assertThat(JdbcPendingAuthorizationStore.stateHash(state)).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(storage.rowsByKeyId()).containsEntry(storage.primaryKeyId(), 2L);
    }

    @Test
    void aCiphertextMovedToAnotherRowShouldNotDecrypt() throws Exception {
        AccountKey victim = Fixtures.account("victim");
        AccountKey attacker = Fixtures.account("attacker");
        TokenSet victimTokens = Fixtures.tokens("victim-" + UUID.randomUUID());
        TokenSet attackerTokens = Fixtures.tokens("attacker-" + UUID.randomUUID());
        storage.tokenStore().save(victim, victimTokens);
        storage.tokenStore().save(attacker, attackerTokens);

        copyColumn(Backend.GRANT, "access_token_ct", "account_key", victim.value(), "access_token_ct", attacker.value());

        StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                () -> storage.tokenStore().load(attacker));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains(attacker.value()).contains("cannot be decrypted");
        assertNoSecret(e, victimTokens, attackerTokens);
        assertThat(storage.tokenStore().load(victim)).map(TokenSet::accessToken).contains(victimTokens.accessToken());
    }

    @Test
    void aCiphertextMovedToAnotherColumnShouldNotDecrypt() throws Exception {
        AccountKey account = Fixtures.account("columns");
        TokenSet tokens = Fixtures.tokens("columns-" + UUID.randomUUID());
        storage.tokenStore().save(account, tokens);

        copyColumn(Backend.GRANT, "refresh_token_ct", "account_key", account.value(), "access_token_ct", account.value());

        StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                () -> storage.tokenStore().load(account));
        assertThat(e.isRetryable()).isFalse();
        assertNoSecret(e, tokens, tokens);
    }

    @Test
    void aVerifierMovedToAnotherPendingAuthorizationShouldNotDecrypt() throws Exception {
        State first = Fixtures.state();
        State second = Fixtures.state();
        PendingAuthorization firstPending = Fixtures.pending(first);
        storage.pendingAuthorizationStore().save(firstPending);
        storage.pendingAuthorizationStore().save(Fixtures.pending(second));

        copyColumn(Backend.PENDING, "code_verifier_ct", "state_hash", JdbcPendingAuthorizationStore.stateHash(first),
                "code_verifier_ct", JdbcPendingAuthorizationStore.stateHash(second));

        StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                () -> storage.pendingAuthorizationStore().consume(second));
        assertThat(e.isRetryable()).isFalse();
        assertThat(Fixtures.allMessages(e)).doesNotContain(firstPending.codeVerifier().value())
                .doesNotContain(first.value()).doesNotContain(second.value());
    }

    @Test
    void rowsWrittenUnderAnotherKeySetShouldFailClearlyAndWithoutSecrets() {
        AccountKey account = Fixtures.account("foreign-key");
        TokenSet tokens = Fixtures.tokens("foreign-" + UUID.randomUUID());
        storage.tokenStore().save(account, tokens);

        try (JdbcStorage other = JdbcStorage.open(database().configWith(KeyRotation.newKeyset()).build())) {
            StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                    () -> other.tokenStore().load(account));
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("its key is not in the key set");
            assertNoSecret(e, tokens, tokens);
        }
    }

    private static void assertNoSecret(Throwable e, TokenSet a, TokenSet b) {
        String messages = Fixtures.allMessages(e);
        for (TokenSet t : List.of(a, b)) {
            assertThat(messages).doesNotContain(t.accessToken().value())
                    .doesNotContain(t.refreshToken().orElseThrow().value());
        }
        assertThat(messages).doesNotContain("SECRET");
    }

    /** Every column of one row rendered as text (binary columns both as UTF-8 and as hex of the raw bytes). */
    private String rawRow(String table, String keyColumn, String key) throws SQLException {
        try (Connection c = database().connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT * FROM " + database().table(table) + " WHERE " + keyColumn + " = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("row %s exists", key).isTrue();
                ResultSetMetaData md = rs.getMetaData();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof byte[] bytes) {
                        values.add(new String(bytes, StandardCharsets.ISO_8859_1));
                    } else {
                        values.add(String.valueOf(value));
                    }
                }
                return String.join("|", values);
            }
        }
    }

    private void copyColumn(String table, String fromColumn, String keyColumn, String fromKey, String toColumn,
            String toKey) throws SQLException {
        try (Connection c = database().connect()) {
            byte[] value;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + fromColumn + " FROM " + database().table(table) + " WHERE " + keyColumn + " = ?")) {
                ps.setString(1, fromKey);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    value = rs.getBytes(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE " + database().table(table) + " SET " + toColumn + " = ? WHERE " + keyColumn + " = ?")) {
                ps.setBytes(1, value);
                ps.setString(2, toKey);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
