package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import dev.neonoauth.core.port.out.neon.NeonApi;
import dev.neonoauth.core.port.out.neon.ProjectCreation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With HTTP logging at its most verbose level and every logger at TRACE, runs token, refresh, revocation, userinfo
 * and API calls (including a 401 retry and a project whose answer carries a password and a connection URI), and
 * checks that no token, code, verifier, secret or password reaches the log or an exception message.
 */
class SecretRedactionTest extends MockNeonServer {
    static final String ISSUED_ACCESS = "ory_at_issued-by-the-token-endpoint-9999";
    static final String ISSUED_REFRESH = "ory_rt_issued-by-the-token-endpoint-8888";
    static final String ISSUED_ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNlY3JldA";
    static final String ROLE_PASSWORD = "npg_S3cr3tPassw0rd";

    ListAppender<ILoggingEvent> appender;
    Logger root;
    Level rootLevel;

    @BeforeEach
    void captureEverything() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
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
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.neonoauth").setLevel(Level.DEBUG);
    }

    String tokenAnswer() {
        return "{\"access_token\":\"" + ISSUED_ACCESS + "\",\"token_type\":\"bearer\",\"expires_in\":3599,"
                + "\"refresh_token\":\"" + ISSUED_REFRESH + "\",\"id_token\":\"" + ISSUED_ID_TOKEN + "\",\"scope\":\"openid\"}";
    }

    @Test
    void noSecretReachesTheLogAtTheMostVerboseLevel() throws Exception {
        inject(b -> b.httpLogLevel(NeonApiConfig.HttpLogLevel.BODY), 2);
        List<String> messages = new ArrayList<>();

        server.enqueue(json(200, tokenAnswer()));
        get(TokenEndpoint.class).exchange(TokenEndpointTest.exchange(ClientAuthenticationMethod.CLIENT_SECRET_POST));
        server.enqueue(json(200, tokenAnswer()));
        get(TokenEndpoint.class).exchange(TokenEndpointTest.exchange(ClientAuthenticationMethod.CLIENT_SECRET_BASIC));
        server.enqueue(json(200, tokenAnswer()));
        get(TokenEndpoint.class).refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));
        server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token was already used.\"}"));
        get(TokenEndpoint.class).refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.CLIENT_SECRET_POST));
        server.enqueue(json(200, "{\"access_token\":\"" + ISSUED_ACCESS + "\",\"token_type\":\"MAC\"}"));
        try {
            get(TokenEndpoint.class).refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));
        } catch (TokenEndpointUnavailableException e) {
            messages.add(e.getMessage());
        }
        server.enqueue(new MockResponse.Builder().code(200).build());
        get(RevocationEndpoint.class).revoke(new RevocationEndpoint.Revocation(
                TokenEndpointTest.client(ClientAuthenticationMethod.CLIENT_SECRET_POST), ISSUED_REFRESH,
                RevocationEndpoint.TokenTypeHint.REFRESH_TOKEN));
        server.enqueue(json(200, "{\"sub\":\"user\",\"email\":\"casey@example.com\"}"));
        get(UserInfoEndpoint.class).fetch(new AccessToken(ISSUED_ACCESS));

        tokens.onRefresh(FakeAccessTokenProvider.available(REFRESHED, ScopeSet.NEON_DEFAULT));
        enqueue(401, "error-unauthorized.json");
        enqueue(200, "users-me.json");
        get(NeonApi.class).currentUser(ACCOUNT);
        server.enqueue(json(201, Fixtures.read("project-created.json")));
        get(NeonApi.class).createProject(ACCOUNT, ProjectCreation.named("myproject"));

        String log = render(appender.list) + String.join("\n", messages);
        String basic = Base64.getEncoder().encodeToString(
                "neon-experimental:s3cr3t%2Fwith%2Bspecial%26chars".getBytes(StandardCharsets.UTF_8));
        assertThat(log).as("the HTTP log was on")
                .contains("--> POST http://127.0.0.1:" + server.getPort() + "/oauth2/token")
                .contains("Authorization: " + RedactingHttpLogger.REDACTED)
                .contains("form body of")
                .contains("\"access_token\":\"" + RedactingHttpLogger.REDACTED + "\"")
                .contains("\"password\": \"" + RedactingHttpLogger.REDACTED + "\"")
                .contains("\"connection_uri\": \"" + RedactingHttpLogger.REDACTED + "\"")
                .contains("X-Request-ID")
                .contains("neondb_owner")
                .doesNotContain("request id null");
        for (String secret : List.of(TOKEN, REFRESHED, ISSUED_ACCESS, ISSUED_REFRESH, ISSUED_ID_TOKEN,
                TokenEndpointTest.CODE, TokenEndpointTest.VERIFIER, TokenEndpointTest.SECRET, "s3cr3t%2Fwith",
                TokenEndpointTest.REFRESH, basic, ROLE_PASSWORD, "postgresql://")) {
            assertThat(log).as("the log never contains %s", secret).doesNotContain(secret);
        }
        assertThat(server.getRequestCount()).isEqualTo(10);
    }

    @Test
    void jsonRedactionCoversCutBodiesAndNonStringValues() {
        assertThat(RedactingHttpLogger.redactJson("{\"refresh_token\" : \"abc\\\"def\",\"n\":1}"))
                .isEqualTo("{\"refresh_token\" : \"██\",\"n\":1}");
        assertThat(RedactingHttpLogger.redactJson("{\"password\":12345}")).isEqualTo("{\"password\":\"██\"}");
        assertThat(RedactingHttpLogger.redactJson("{\"a\":1,\"connection_uri\":\"postgresql://u:pw@h/d"))
                .isEqualTo("{\"a\":1,\"connection_uri\":\"██\"");
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
