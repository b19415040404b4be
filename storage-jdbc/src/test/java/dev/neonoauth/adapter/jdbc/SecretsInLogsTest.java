package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.TokenStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With H2's statement trace sent to SLF4J at DEBUG (every statement with its bound parameters) and every logger of
 * this module, Hikari and Flyway at TRACE, no token, verifier, state or session CSRF token reaches a log line, an
 * exception message or a {@code toString}.
 */
class SecretsInLogsTest {
    @TempDir
    Path directory;
    private static final String[] LOGGERS = {"h2database", "com.zaxxer.hikari", "org.flywaydb", "dev.neonoauth"};
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Captures the traced loggers into a list only (not additive: the trace stays off the console). */
    @BeforeEach
    void capture() {
        appender.start();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.TRACE);
            logger.setAdditive(false);
            logger.addAppender(appender);
        }
    }

    @AfterEach
    void release() {
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(appender);
            logger.setAdditive(true);
            logger.setLevel(null);
        }
    }

    @Test
    void everyOperationWhenTracedThenNoSecretInLogsMessagesOrToString() throws Exception {
        String marker = UUID.randomUUID().toString();
        String url = "jdbc:h2:file:" + directory.resolve("traced") + H2TestDatabase.MODE + ";TRACE_LEVEL_FILE=4";
        String keyset = KeyRotation.newKeyset();
        AccountKey account = Fixtures.account("traced");
        TokenSet tokens = Fixtures.tokens(marker);
        TokenSet rotated = Fixtures.tokens(marker + "-rotated");
        State state = Fixtures.state();
        PendingAuthorization pending = Fixtures.pending(state);
        StringBuilder texts = new StringBuilder();

        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.builder().jdbcUrl(url).user("sa").password("")
                .keysetJson(keyset).build())) {
            TokenStore store = storage.tokenStore();
            store.save(account, tokens);
            store.load(account);
            try (TokenStore.RefreshLock lock = store.lock(account, Duration.ofSeconds(5))) {
                lock.current();
                lock.save(rotated);
                texts.append(lock).append('\n');
            }
            storage.pendingAuthorizationStore().save(pending);
            texts.append(catchThrowable(() -> storage.pendingAuthorizationStore().save(pending))).append('\n');
            storage.pendingAuthorizationStore().consume(state);
            try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                    Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE neon_oauth_grant SET refresh_token_ct = access_token_ct");
            }
            texts.append(Fixtures.allMessages(catchThrowable(() -> store.load(account))));
            texts.append(storage).append(store).append(storage.pendingAuthorizationStore());
        }

        String logs = appender.list.stream().map(e -> e.getFormattedMessage() + " "
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .collect(Collectors.joining("\n"));
        assertThat(logs).as("the H2 trace really logged the statements").contains("neon_oauth_grant")
                .contains("neon_oauth_pending_authorization");
        for (String secret : new String[] {tokens.accessToken().value(), tokens.refreshToken().orElseThrow().value(),
                rotated.accessToken().value(), rotated.refreshToken().orElseThrow().value(),
                pending.codeVerifier().value(), state.value(), "SECRET_"}) {
            assertThat(logs).doesNotContain(secret);
            assertThat(texts.toString()).doesNotContain(secret);
        }
    }

    @Test
    void webSessionOperationsWhenTracedThenNoCsrfTokenInLogsMessagesOrToString() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("traced-sessions") + H2TestDatabase.MODE + ";TRACE_LEVEL_FILE=4";
        java.time.Instant now = java.time.Instant.now();
        String keyHash = "k" + UUID.randomUUID().toString().replace("-", "");
        String csrf = "CSRF_SECRET_" + UUID.randomUUID();
        String rotatedCsrf = "CSRF_SECRET_" + UUID.randomUUID();
        WebSessionRecord session = new WebSessionRecord(keyHash, csrf, java.util.Optional.empty(), now, now);
        StringBuilder texts = new StringBuilder();

        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.builder().jdbcUrl(url).user("sa").password("")
                .keysetJson(KeyRotation.newKeyset()).build())) {
            JdbcWebSessions sessions = storage.webSessions();
            sessions.save(session);
            texts.append(sessions.find(keyHash).orElseThrow()).append('\n');
            sessions.touch(keyHash, now.plusSeconds(30));
            WebSessionRecord login = new WebSessionRecord(keyHash, rotatedCsrf, java.util.Optional.of("traced-user"),
                    now, now.plusSeconds(31));
            sessions.save(login);
            texts.append(login).append('\n');
            try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                    Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE neon_oauth_web_session SET key_hash = 'moved' WHERE key_hash = '" + keyHash + "'");
            }
            texts.append(Fixtures.allMessages(catchThrowable(() -> sessions.find("moved"))));
            sessions.purgeExpired(now, now);
            sessions.delete("moved");
            texts.append(sessions).append(storage);
        }

        String logs = appender.list.stream().map(e -> e.getFormattedMessage() + " "
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .collect(Collectors.joining("\n"));
        assertThat(logs).as("the H2 trace really logged the statements").contains("neon_oauth_web_session");
        assertThat(texts.toString()).as("the moved row failed to decrypt").contains("cannot be decrypted");
        for (String secret : new String[] {csrf, rotatedCsrf, "CSRF_SECRET_"}) {
            assertThat(logs).doesNotContain(secret);
            assertThat(texts.toString()).doesNotContain(secret);
        }
    }
}
