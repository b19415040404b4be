package dev.neonoauth.examples.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.contract.TokenStoreContract;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.testing.TestTokenSets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store passes the core's contract, and keeps its own promises: modes, atomicity, encryption. */
class FileTokenStoreTest implements TokenStoreContract {
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

    @TempDir
    Path tmp;

    private FileTokenStore store;

    @Override
    public synchronized TokenStore tokenStore() {
        if (store == null) {
            store = FileTokenStore.open(FileTokenStoreConfig.inDirectory(tmp.resolve("tokens")));
        }
        return store;
    }

    private Path dir() {
        return tmp.resolve("tokens");
    }

    private Path tokenFile(AccountKey account) {
        return dir().resolve(FileTokenStore.fileId(account) + FileTokenStore.TOKEN_SUFFIX);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void openWhenDirectoryIsMissingThenCreatesItOwnerOnlyWithAnOwnerOnlyKey() throws IOException {
        tokenStore();

        assertThat(mode(dir())).isEqualTo("rwx------");
        Path key = dir().resolve(FileTokenStoreConfig.DEFAULT_KEY_FILE);
        assertThat(mode(key)).isEqualTo("rw-------");
        assertThat(Files.size(key)).isEqualTo(32);
    }

    @Test
    void openWhenDirectoryIsWorldReadableThenTightensIt() throws IOException {
        Files.createDirectory(dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwxrwxrwx"));

        tokenStore();

        assertThat(mode(dir())).isEqualTo("rwx------");
    }

    @Test
    void saveThenTokenAndLockFilesAreOwnerOnly() throws IOException {
        AccountKey account = AccountKey.of("alice");
        tokenStore().save(account, TestTokenSets.issued(NOW));
        tokenStore().lock(account, Duration.ofSeconds(1)).close();

        assertThat(mode(tokenFile(account))).isEqualTo("rw-------");
        assertThat(mode(dir().resolve(FileTokenStore.fileId(account) + FileTokenStore.LOCK_SUFFIX))).isEqualTo("rw-------");
    }

    @Test
    void saveThenNoTokenOrAccountKeyIsReadableInTheFiles() throws IOException {
        AccountKey account = AccountKey.of("alice@example.com");
        TokenSet tokens = TestTokenSets.issued(NOW);
        tokenStore().save(account, tokens);

        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content)
                        .doesNotContain(tokens.accessToken().value())
                        .doesNotContain(tokens.refreshToken().orElseThrow().value())
                        .doesNotContain("alice");
                assertThat(file.getFileName().toString()).doesNotContain("alice");
            }
        }
    }

    @Test
    void saveWhenAccountKeyHasPathCharactersThenStaysInTheDirectory() throws IOException {
        AccountKey hostile = AccountKey.of("../../etc/passwd \\ : * ? \" < > |");
        TokenSet tokens = TestTokenSets.issued(NOW);

        tokenStore().save(hostile, tokens);

        assertThat(tokenStore().load(hostile)).map(TokenSet::accessToken).contains(tokens.accessToken());
        assertThat(tokenFile(hostile).getParent()).isEqualTo(dir());
        assertThat(Files.exists(tmp.resolve("etc"))).isFalse();
    }

    @Test
    void saveManyTimesThenLeavesNoTemporaryFiles() throws IOException {
        AccountKey account = AccountKey.of("alice");
        for (int i = 0; i < 20; i++) {
            tokenStore().save(account, TestTokenSets.issued(NOW.plusSeconds(i)));
        }

        try (Stream<Path> files = Files.list(dir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(FileTokenStoreConfig.DEFAULT_KEY_FILE, FileTokenStore.fileId(account) + ".token");
        }
    }

    @Test
    void loadWhenACrashLeftAHalfWrittenTemporaryFileThenReadsTheLastCompleteSave() throws IOException {
        AccountKey account = AccountKey.of("alice");
        TokenSet saved = TestTokenSets.issued(NOW);
        tokenStore().save(account, saved);
        // what a crash between "write temp" and "rename" leaves behind: a partial file next to the real one
        String id = FileTokenStore.fileId(account);
        Files.write(dir().resolve("." + id + ".token.0123456789abcdef.tmp"), new byte[] {'N', 'O', 'F', '1', 0, 1});

        assertThat(tokenStore().load(account)).map(TokenSet::accessToken).contains(saved.accessToken());
        assertThat(((FileTokenStore) tokenStore()).accountsOf(saved.subject().orElseThrow())).containsExactly(account);
    }

    @Test
    void loadWhenFileIsCorruptedThenUnavailableAndNotRetryableWithoutSecrets() throws IOException {
        AccountKey account = AccountKey.of("alice");
        TokenSet tokens = TestTokenSets.issued(NOW);
        tokenStore().save(account, tokens);
        byte[] bytes = Files.readAllBytes(tokenFile(account));
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(tokenFile(account), bytes);

        assertThatThrownBy(() -> tokenStore().load(account))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage())
                            .contains(FileTokenStore.fileId(account))
                            .doesNotContain(tokens.accessToken().value())
                            .doesNotContain(tokens.refreshToken().orElseThrow().value());
                });
    }

    @Test
    void loadWhenFileIsTruncatedOrGarbageThenUnavailable() throws IOException {
        AccountKey account = AccountKey.of("alice");
        tokenStore().save(account, TestTokenSets.issued(NOW));

        Files.write(tokenFile(account), new byte[0]);
        assertThatThrownBy(() -> tokenStore().load(account)).isInstanceOf(StoreUnavailableException.class);

        Files.write(tokenFile(account), "access_token=plain-text-is-refused\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> tokenStore().load(account))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageNotContaining("plain-text-is-refused");
    }

    @Test
    void loadWhenAnotherAccountsFileIsCopiedOverThenDecryptionFails() throws IOException {
        AccountKey alice = AccountKey.of("alice");
        AccountKey mallory = AccountKey.of("mallory");
        tokenStore().save(alice, TestTokenSets.issued(NOW));
        tokenStore().save(mallory, TestTokenSets.issued(NOW));

        Files.copy(tokenFile(alice), tokenFile(mallory), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> tokenStore().load(mallory))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("does not decrypt");
        assertThat(tokenStore().load(alice)).isPresent();
    }

    @Test
    void loadWhenKeyFileIsReplacedThenDecryptionFails() throws IOException {
        AccountKey account = AccountKey.of("alice");
        tokenStore().save(account, TestTokenSets.issued(NOW));
        Path otherDir = tmp.resolve("other");
        FileTokenStore.open(FileTokenStoreConfig.inDirectory(otherDir));

        FileTokenStore withOtherKey = FileTokenStore.open(
                FileTokenStoreConfig.inDirectory(dir()).withKeyFile(otherDir.resolve(FileTokenStoreConfig.DEFAULT_KEY_FILE)));

        assertThatThrownBy(() -> withOtherKey.load(account)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void openWhenKeyFileIsNotAKeyThenFailsClearly() throws IOException {
        Files.createDirectories(dir());
        Files.write(dir().resolve(FileTokenStoreConfig.DEFAULT_KEY_FILE), "short".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> FileTokenStore.open(FileTokenStoreConfig.inDirectory(dir())))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("256-bit");
    }

    @Test
    void twoInstancesOnOneDirectoryShareDataAndLocks() {
        AccountKey account = AccountKey.of("alice");
        FileTokenStore second = FileTokenStore.open(FileTokenStoreConfig.inDirectory(dir()));
        TokenSet tokens = TestTokenSets.issued(NOW);
        tokenStore().save(account, tokens);

        assertThat(second.load(account)).map(TokenSet::accessToken).contains(tokens.accessToken());
        try (TokenStore.RefreshLock held = tokenStore().lock(account, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> second.lock(account, Duration.ofMillis(100)))
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue());
        }
        second.lock(account, Duration.ZERO).close();
    }

    @Test
    void lockWhenTheSameThreadAsksTwiceThenTheSecondTimesOut() {
        AccountKey account = AccountKey.of("alice");
        try (TokenStore.RefreshLock held = tokenStore().lock(account, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> tokenStore().lock(account, Duration.ofMillis(50)))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void refreshLockWhenClosedThenRefusesFurtherUse() {
        TokenStore.RefreshLock lock = tokenStore().lock(AccountKey.of("alice"), Duration.ofSeconds(1));
        lock.close();

        assertThatThrownBy(() -> lock.save(TestTokenSets.issued(NOW))).isInstanceOf(IllegalStateException.class);
        assertThat(tokenStore().load(AccountKey.of("alice"))).isEmpty();
    }

    @Test
    void accountsOfWhenOtherFilesAreInTheDirectoryThenIgnoresThem() throws IOException {
        AccountKey account = AccountKey.of("alice");
        tokenStore().save(account, TestTokenSets.issued(NOW).withSubject("subject-1"));
        Files.writeString(dir().resolve("README.txt"), "not a token file");

        assertThat(((FileTokenStore) tokenStore()).accountsOf("subject-1")).isEqualTo(List.of(account));
    }
}
