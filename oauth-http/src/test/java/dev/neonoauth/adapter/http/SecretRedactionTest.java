package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.net.URI;
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
 * With HTTP logging at its most verbose level and every logger at TRACE, runs discovery, code exchanges, refreshes
 * (issued, refused, non-Bearer, malformed), revocation and userinfo, and checks that no token, code, verifier or
 * secret reaches the log or an exception message (with its causes).
 */
class SecretRedactionTest extends MockAuthorizationServer {
    static final String ISSUED_ACCESS = "ory_at_issued-by-the-token-endpoint-9999";
    static final String ISSUED_REFRESH = "ory_rt_issued-by-the-token-endpoint-8888";
    static final String ISSUED_ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNlY3JldA";

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

    String tokenAnswer() {
        return "{\"access_token\":\"" + ISSUED_ACCESS + "\",\"token_type\":\"bearer\",\"expires_in\":3599,"
                + "\"refresh_token\":\"" + ISSUED_REFRESH + "\",\"id_token\":\"" + ISSUED_ID_TOKEN + "\",\"scope\":\"openid\"}";
    }

    @Test
    void noSecretReachesTheLogAtTheMostVerboseLevel() {
        OAuthHttp oauth = oauth(b -> b.discovery(true).httpLogLevel(HttpLogLevel.BODY));
        List<Throwable> failures = new ArrayList<>();

        server.enqueue(json(200, metadata(issuer())));
        oauth.discovery().discover(URI.create(issuer()));
        server.enqueue(json(200, tokenAnswer()));
        oauth.tokenEndpoint().exchange(TokenEndpointTest.exchange(ClientAuthenticationMethod.CLIENT_SECRET_POST));
        server.enqueue(json(200, tokenAnswer()));
        oauth.tokenEndpoint().exchange(TokenEndpointTest.exchange(ClientAuthenticationMethod.CLIENT_SECRET_BASIC));
        server.enqueue(json(200, tokenAnswer()));
        oauth.tokenEndpoint().refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));
        server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token was already used.\"}"));
        oauth.tokenEndpoint().refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.CLIENT_SECRET_POST));
        for (String malformed : List.of(
                "{\"access_token\":\"" + ISSUED_ACCESS + "\",\"token_type\":\"MAC\"}",
                "{\"access_token\":\"" + ISSUED_ACCESS + "\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}",
                "{\"access_token\":\"" + ISSUED_ACCESS + "\",\"token_type\":\"Bearer\",\"refresh_token\":42}",
                "{\"access_token\":\"" + ISSUED_ACCESS + "\",\"token_type\":\"Bearer\"} trailing",
                "{\"access_token\":\"" + ISSUED_ACCESS + "\",\"token_type\":\"Bearer\",\"refresh_token\":\"" + ISSUED_REFRESH)) {
            server.enqueue(json(200, malformed));
            try {
                oauth.tokenEndpoint().refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));
            } catch (TokenEndpointUnavailableException e) {
                failures.add(e);
            }
        }
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<p>" + ISSUED_ACCESS + "</p>").build());
        try {
            oauth.tokenEndpoint().refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));
        } catch (TokenEndpointUnavailableException e) {
            failures.add(e);
        }
        server.enqueue(new MockResponse.Builder().code(200).build());
        oauth.revocationEndpoint().revoke(new RevocationEndpoint.Revocation(
                TokenEndpointTest.client(ClientAuthenticationMethod.CLIENT_SECRET_POST), ISSUED_REFRESH,
                RevocationEndpoint.TokenTypeHint.REFRESH_TOKEN));
        server.enqueue(json(200, "{\"sub\":\"user\",\"email\":\"casey@example.com\"}"));
        oauth.userInfoEndpoint().fetch(new AccessToken(ISSUED_ACCESS));

        assertThat(failures).hasSize(6);
        String log = render(appender.list) + messages(failures);
        String basic = Base64.getEncoder().encodeToString(
                "neon-experimental:s3cr3t%2Fwith%2Bspecial%26chars".getBytes(StandardCharsets.UTF_8));
        assertThat(log).as("the HTTP log was on")
                .contains(RedactingHttpLogger.OAUTH_LOGGER + " --> POST http://127.0.0.1:" + server.getPort() + "/oauth2/token")
                .contains("--> GET http://127.0.0.1:" + server.getPort() + "/.well-known/openid-configuration")
                .contains("Authorization: " + RedactingHttpLogger.REDACTED)
                .contains("form body of")
                .contains("\"access_token\":\"" + RedactingHttpLogger.REDACTED + "\"")
                .contains("\"refresh_token\":\"" + RedactingHttpLogger.REDACTED + "\"")
                .contains("text/html")
                .contains("X-Request-ID")
                .contains("casey@example.com")
                .doesNotContain("request id null");
        for (String secret : List.of(ISSUED_ACCESS, ISSUED_REFRESH, ISSUED_ID_TOKEN, TokenEndpointTest.CODE,
                TokenEndpointTest.VERIFIER, TokenEndpointTest.SECRET, "s3cr3t%2Fwith", TokenEndpointTest.REFRESH, basic)) {
            assertThat(log).as("the log never contains %s", secret).doesNotContain(secret);
        }
        assertThat(server.getRequestCount()).isEqualTo(13);
    }

    @Test
    void jsonRedactionCoversCutBodiesAndNonStringValues() {
        assertThat(RedactingHttpLogger.redactJson("{\"refresh_token\" : \"abc\\\"def\",\"n\":1}"))
                .isEqualTo("{\"refresh_token\" : \"██\",\"n\":1}");
        assertThat(RedactingHttpLogger.redactJson("{\"password\":12345}")).isEqualTo("{\"password\":\"██\"}");
        assertThat(RedactingHttpLogger.redactJson("{\"a\":1,\"connection_uri\":\"postgresql://u:pw@h/d"))
                .isEqualTo("{\"a\":1,\"connection_uri\":\"██\"");
        assertThat(RedactingHttpLogger.redactJson("{\"id_token\":\"x.y.z\",\"token\":\"t\",\"client_secret\":\"s\"}"))
                .isEqualTo("{\"id_token\":\"██\",\"token\":\"██\",\"client_secret\":\"██\"}");
    }

    /** Every failure's message and its causes' messages. */
    static String messages(List<Throwable> failures) {
        StringBuilder out = new StringBuilder();
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                out.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return out.toString();
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
