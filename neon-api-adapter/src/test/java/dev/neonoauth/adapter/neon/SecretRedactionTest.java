package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.neonoauth.adapter.http.HttpLogLevel;
import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.neon.api.ConnectionUriQuery;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.RoleCreation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With the API's HTTP logging at its most verbose level and every logger at TRACE, runs API calls (including a 401
 * retry and a project whose answer carries a password and a connection URI), and checks that no token or password
 * reaches the log. The OAuth endpoints' own redaction is tested in oauth-http ({@code SecretRedactionTest} there).
 */
class SecretRedactionTest extends MockNeonServer {
    static final String REDACTED = "██";
    static final String ROLE_PASSWORD = "npg_S3cr3tPassw0rd";

    ListAppender<ILoggingEvent> appender;
    Logger root;
    Level rootLevel;
    Level projectLevel;

    @BeforeEach
    void captureEverything() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        projectLevel = context.getLogger("dev.neonoauth").getLevel();
        root.setLevel(Level.ALL);
        context.getLogger("dev.neonoauth").setLevel(Level.ALL);
        appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.neonoauth").setLevel(projectLevel);
    }

    @Test
    void noSecretReachesTheLogAtTheMostVerboseLevel() throws Exception {
        inject(b -> b.httpLogLevel(HttpLogLevel.BODY), 2);

        tokens.onRefresh(FakeAccessTokenProvider.available(REFRESHED, NeonScopes.DEFAULT));
        enqueue(401, "error-unauthorized.json");
        enqueue(200, "users-me.json");
        get(NeonApi.class).currentUser(ACCOUNT);
        server.enqueue(json(201, Fixtures.read("project-created.json")));
        get(NeonApi.class).createProject(ACCOUNT, ProjectCreation.named("myproject"));

        String log = render(appender.list);
        assertThat(log).as("the HTTP log was on")
                .contains(HttpStack.LOGGER_NAME + " --> GET http://127.0.0.1:" + server.getPort() + "/api/v2/users/me")
                .contains("--> POST http://127.0.0.1:" + server.getPort() + "/api/v2/projects")
                .contains("Authorization: " + REDACTED)
                .contains("\"password\": \"" + REDACTED + "\"")
                .contains("\"connection_uri\": \"" + REDACTED + "\"")
                .contains("X-Request-ID")
                .contains("neondb_owner")
                .doesNotContain("request id null");
        for (String secret : List.of(TOKEN, REFRESHED, ROLE_PASSWORD, "postgresql://")) {
            assertThat(log).as("the log never contains %s", secret).doesNotContain(secret);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void connectionUrisAndRolePasswordsNeverReachTheLog() throws Exception {
        inject(b -> b.httpLogLevel(HttpLogLevel.BODY), 2);
        NeonApi api = get(NeonApi.class);
        String branch = "br-icy-dream-250089";

        enqueue(200, "connection-uri.json");
        api.getConnectionUri(ACCOUNT, "shiny-wind-028834", ConnectionUriQuery.of("neondb", "neondb_owner").withPooling(true));
        enqueue(200, "role-password.json");
        api.revealRolePassword(ACCOUNT, "shiny-wind-028834", branch, "neondb_owner");
        enqueue(201, "role-created.json");
        api.createRole(ACCOUNT, "shiny-wind-028834", branch, RoleCreation.named("app_owner"));
        enqueue(200, "role-password-reset.json");
        api.resetRolePassword(ACCOUNT, "shiny-wind-028834", branch, "neondb_owner");

        String log = render(appender.list);
        assertThat(log).as("the HTTP log was on")
                .contains("/connection_uri?database_name=neondb&role_name=neondb_owner&pooled=true")
                .contains("--> POST http://127.0.0.1:" + server.getPort() + "/api/v2/projects/shiny-wind-028834/branches/"
                        + branch + "/roles")
                .contains("\"password\": \"" + REDACTED + "\"")
                .contains("app_owner");
        for (String secret : List.of(ROLE_PASSWORD, "npg_N3wR0leSecret", "npg_R3setPassw0rd", "postgresql://", TOKEN)) {
            assertThat(log).as("the log never contains %s", secret).doesNotContain(secret);
        }
    }

    static String render(List<ILoggingEvent> events) {
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent event : events) {
            out.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                out.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return out.toString();
    }
}
