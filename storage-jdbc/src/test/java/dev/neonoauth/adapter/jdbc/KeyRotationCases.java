package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rotation runbook end to end: a new primary encrypts, old keys still decrypt, re-encryption moves every row
 * (more than one batch) to the new key, and the old key can then be removed. Runs on H2 and PostgreSQL.
 */
abstract class KeyRotationCases {

    abstract TestDatabase database();

    @Test
    void rotationShouldReencryptEveryRowSoTheOldKeyCanBeRemoved() {
        String oldKeyset = KeyRotation.newKeyset();
        long oldKey = KeyRotation.primaryKeyId(oldKeyset);
        String marker = UUID.randomUUID().toString();
        int grants = Reencryption.BATCH_SIZE + 50;
        List<AccountKey> accounts = new ArrayList<>();
        State state = Fixtures.state();
        PendingAuthorization pending = Fixtures.pending(state);
        try (JdbcStorage before = JdbcStorage.open(database().configWith(oldKeyset).build())) {
            for (int i = 0; i < grants; i++) {
                AccountKey account = AccountKey.of("rotation-" + marker + "-" + i);
                accounts.add(account);
                before.tokenStore().save(account, Fixtures.tokens(marker + "-" + i));
            }
            before.pendingAuthorizationStore().save(pending);
        }

        // step 1 + 2: a new key, made primary
        String staged = KeyRotation.addKey(oldKeyset);
        assertThat(KeyRotation.primaryKeyId(staged)).isEqualTo(oldKey);
        String rotated = KeyRotation.rotate(oldKeyset);
        long newKey = KeyRotation.primaryKeyId(rotated);
        assertThat(newKey).isNotEqualTo(oldKey);

        try (JdbcStorage after = JdbcStorage.open(database().configWith(rotated).build())) {
            assertThat(after.primaryKeyId()).isEqualTo(newKey);
            // old rows still decrypt with the old, non-primary key
            assertThat(after.tokenStore().load(accounts.get(7))).map(TokenSet::accessToken)
                    .contains(Fixtures.tokens(marker + "-7").accessToken());
            assertThat(after.rowsByKeyId()).containsEntry(oldKey, (long) grants + 1);
            // new writes use the new primary
            AccountKey fresh = Fixtures.account("after-rotation");
            after.tokenStore().save(fresh, Fixtures.tokens("fresh-" + marker));
            assertThat(after.rowsByKeyId()).containsEntry(newKey, 1L);

            // step 3: re-encrypt every row (two batches)
            assertThat(after.reencryptAll()).isEqualTo(grants + 1);
            assertThat(after.rowsByKeyId()).doesNotContainKey(oldKey);
            assertThat(after.reencryptAll()).isZero();
        }

        // step 4: the old key removed, everything still decrypts
        String retired = KeyRotation.removeKey(rotated, oldKey);
        try (JdbcStorage retiredStorage = JdbcStorage.open(database().configWith(retired).build())) {
            for (int i = 0; i < grants; i += 37) {
                assertThat(retiredStorage.tokenStore().load(accounts.get(i))).map(TokenSet::refreshToken)
                        .contains(Fixtures.tokens(marker + "-" + i).refreshToken());
            }
            assertThat(retiredStorage.pendingAuthorizationStore().consume(state))
                    .map(p -> p.codeVerifier().value()).contains(pending.codeVerifier().value());
        }
        // and the old key set alone no longer can: the rows really were rewritten
        try (JdbcStorage oldOnly = JdbcStorage.open(database().configWith(oldKeyset).build())) {
            assertThatThrownBy(() -> oldOnly.tokenStore().load(accounts.get(0)))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void thePrimaryKeyCannotBeRemovedAndUnknownKeysAreReported() {
        String keyset = KeyRotation.newKeyset();
        long primary = KeyRotation.primaryKeyId(keyset);

        assertThatThrownBy(() -> KeyRotation.removeKey(keyset, primary))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primary");
        assertThatThrownBy(() -> KeyRotation.promote(keyset, primary + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no key with id");
    }
}
