package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.out.IssuedTokens;
import dev.neonoauth.core.port.out.MalformedTokenResponseException;
import dev.neonoauth.core.port.out.TokenResponse;
import dev.neonoauth.core.testing.MutableClock;
import dev.neonoauth.core.testing.TestClients;
import dev.neonoauth.core.testing.TestScopes;
import dev.neonoauth.core.testing.TestTokenSets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6749 section 5.1, strictly: a 200 answer is used only when it is a JSON object served as
 * {@code application/json} with a string {@code access_token}, a Bearer {@code token_type}, string
 * {@code refresh_token}, {@code scope} and {@code id_token}, and a non-negative integer {@code expires_in}. Anything
 * else is a {@link MalformedTokenResponseException} (not retryable) naming the field but no value, and nothing is
 * stored.
 */
class StrictTokenResponseTest extends MockAuthorizationServer {
    /** Recognisable secrets: none may appear in a message or a cause's message. */
    static final String ACCESS = "ory_at_strict-access-token-4242";
    static final String REFRESH = "ory_rt_strict-refresh-token-4343";
    static final String NUMBER = "987654321";

    static String answer(String fields) {
        return "{" + fields + "}";
    }

    static String valid(String extra) {
        return answer("\"access_token\":\"" + ACCESS + "\",\"token_type\":\"Bearer\",\"refresh_token\":\"" + REFRESH + "\""
                + extra);
    }

    TokenResponse refreshAnswering(MockResponse answer) {
        server.enqueue(answer);
        return oauth().tokenEndpoint().refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));
    }

    IssuedTokens issued(String body) {
        TokenResponse response = refreshAnswering(json(200, body));
        assertThat(response).isInstanceOf(TokenResponse.Issued.class);
        return ((TokenResponse.Issued) response).tokens();
    }

    MalformedTokenResponseException malformed(MockResponse answer) {
        MalformedTokenResponseException e = catchThrowableOfType(MalformedTokenResponseException.class,
                () -> refreshAnswering(answer));
        assertThat(e).as("a MalformedTokenResponseException").isNotNull();
        assertThat(e.isRetryable()).as("a malformed answer is not retried").isFalse();
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("the message of %s", t.getClass().getName())
                    .doesNotContain(ACCESS).doesNotContain(REFRESH).doesNotContain(NUMBER)
                    .doesNotContain(TokenEndpointTest.REFRESH);
        }
        assertThat(server.getRequestCount()).as("sent once").isEqualTo(1);
        return e;
    }

    MalformedTokenResponseException malformed(String body) {
        return malformed(json(200, body));
    }

    @Nested
    class AFieldOfTheWrongShape {
        static Stream<Arguments> cases() {
            String rest = ",\"token_type\":\"Bearer\",\"refresh_token\":\"" + REFRESH + "\"";
            String access = "\"access_token\":\"" + ACCESS + "\"";
            return Stream.of(
                    Arguments.of("access_token a number", answer("\"access_token\":" + NUMBER + rest), "access_token"),
                    Arguments.of("access_token missing", answer("\"token_type\":\"Bearer\",\"refresh_token\":\"" + REFRESH + "\""), "access_token"),
                    Arguments.of("access_token null", answer("\"access_token\":null" + rest), "access_token"),
                    Arguments.of("access_token an object", answer("\"access_token\":{\"v\":\"" + ACCESS + "\"}" + rest), "access_token"),
                    Arguments.of("token_type missing", answer(access + ",\"refresh_token\":\"" + REFRESH + "\""), "token_type"),
                    Arguments.of("token_type a number", answer(access + ",\"token_type\":" + NUMBER), "token_type"),
                    Arguments.of("refresh_token a number", answer(access + ",\"token_type\":\"Bearer\",\"refresh_token\":" + NUMBER), "refresh_token"),
                    Arguments.of("refresh_token an array", answer(access + ",\"token_type\":\"Bearer\",\"refresh_token\":[\"" + REFRESH + "\"]"), "refresh_token"),
                    Arguments.of("scope a number", valid(",\"scope\":" + NUMBER), "scope"),
                    Arguments.of("id_token a boolean", valid(",\"id_token\":true"), "id_token"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cases")
        void isMalformedAndNamesTheField(String description, String body, String field) {
            assertThat(malformed(body).getMessage()).contains(field);
        }
    }

    @Nested
    class ExpiresIn {
        @ParameterizedTest(name = "expires_in {0} is refused")
        @ValueSource(strings = {"-5", "-30", "{}", "false", "true", "\"3600\"", "\" 120 \"", "\"-30\"", "\"soon\"",
                "1.5", "3600.9", "[3600]"})
        void thatIsNotANonNegativeIntegerNumberIsRefused(String raw) {
            assertThat(malformed(valid(",\"expires_in\":" + raw)).getMessage()).contains("expires_in");
        }

        @Test
        void nullIsRefusedAsAValueOfTheWrongType() {
            // RFC 6749 section 5.1 has no null; a server that sends it is refused like any other non-number (the
            // field may be left out instead)
            assertThat(malformed(valid(",\"expires_in\":null")).getMessage()).contains("expires_in");
        }

        @ParameterizedTest(name = "expires_in {0} -> {1}")
        @CsvSource(delimiter = '|', value = {
            "0                       | PT0S",
            "3600                    | PT1H",
            "3600.0                  | PT1H",
            "36e2                    | PT1H",
            "31535999                | PT8759H59M59S",
            "31536000                | PT8760H",
            "1e12                    | PT8760H",
            "99999999999999999999999 | PT8760H"})
        void aNonNegativeIntegerIsTheLifetimeAndHugeValuesAreClampedTo365Days(String raw, String expected) {
            assertThat(issued(valid(",\"expires_in\":" + raw)).expiresIn()).contains(Duration.parse(expected));
        }

        @Test
        void anAbsentLifetimeIsUnknown() {
            assertThat(issued(valid("")).expiresIn()).isEmpty();
        }
    }

    @Nested
    class TheBody {
        @Test
        void servedAsHtmlIsRefused() {
            MalformedTokenResponseException e = malformed(new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "text/html").body(valid("")).build());

            assertThat(e.getMessage()).contains("text/html").contains("application/json");
        }

        @Test
        void withoutAContentTypeIsRefused() {
            assertThat(malformed(new MockResponse.Builder().code(200).body(valid("")).build()).getMessage())
                    .contains("application/json");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
            "access_token=ory_at_strict-access-token-4242&token_type=bearer",
            "{\"access_token\":\"ory_at_strict-access-token-4242\",\"token_type\":\"Bearer\"",
            "{\"access_token\":\"ory_at_strict-access-token-4242\",\"token_type\":\"Bearer\"} trailing",
            "{\"access_token\":\"ory_at_strict-access-token-4242\",\"token_type\":\"Bearer\"}{}",
            "{'access_token':'ory_at_strict-access-token-4242','token_type':'Bearer'}",
            ""})
        void thatIsNotOneJsonObjectIsRefused(String body) {
            assertThat(malformed(body).getMessage()).contains("JSON");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "[{\"access_token\":\"ory_at_strict-access-token-4242\",\"token_type\":\"Bearer\"}]",
            "\"ory_at_strict-access-token-4242\"",
            "null"})
        void thatIsAnotherJsonValueIsRefused(String body) {
            assertThat(malformed(body).getMessage()).contains("not a JSON object");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON"})
        void servedAsJsonWithParametersOrInAnyCaseIsAccepted(String contentType) {
            TokenResponse response = refreshAnswering(new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", contentType).body(valid(",\"expires_in\":60")).build());

            assertThat(response).isInstanceOfSatisfying(TokenResponse.Issued.class,
                    issued -> assertThat(issued.tokens().accessToken().value()).isEqualTo(ACCESS));
        }

        @Test
        void unknownFieldsOfAnyShapeAreIgnored() {
            IssuedTokens tokens = issued(valid(",\"novel\":{\"a\":[1,{\"b\":null}]},\"other\":null,\"n\":1.5,"
                    + "\"expires_in\":60,\"scope\":\"openid offline\""));

            assertThat(tokens.accessToken().value()).isEqualTo(ACCESS);
            assertThat(tokens.refreshToken()).hasValueSatisfying(r -> assertThat(r.value()).isEqualTo(REFRESH));
            assertThat(tokens.expiresIn()).contains(Duration.ofSeconds(60));
            assertThat(tokens.scope()).contains(ScopeSet.parse("openid offline"));
        }
    }

    @Nested
    class TheTokenType {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Bearer", "bearer", "BEARER", "bEaReR"})
        void bearerIsAcceptedInAnyCase(String type) {
            assertThat(issued(answer("\"access_token\":\"" + ACCESS + "\",\"token_type\":\"" + type + "\""))
                    .accessToken().value()).isEqualTo(ACCESS);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"mac", "DPoP", "N_A", "", "Bearer2"})
        void anyOtherTypeIsRefused(String type) {
            MalformedTokenResponseException e = malformed(answer("\"access_token\":\"" + ACCESS + "\",\"token_type\":\""
                    + type + "\""));

            assertThat(e.getMessage()).contains("'" + type + "'").contains("only Bearer");
        }
    }

    /** Through the core: the exception reaches the caller and nothing is stored. */
    @Nested
    class ThroughTheCore {
        final AccountKey account = AccountKey.of("casey");
        final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        final InMemoryTokenStore store = new InMemoryTokenStore();

        OAuthClient client() {
            return OAuthClient.builder()
                    .client(TestClients.publicClient())
                    .endpoints(oauth())
                    .tokenStore(store)
                    .pendingAuthorizationStore(new InMemoryPendingAuthorizationStore())
                    .clock(clock)
                    .sleeper(duration -> clock.advance(duration))
                    .build();
        }

        @Test
        void aMalformedCodeExchangeStoresNothing() throws Exception {
            OAuthClient oauthClient = client();
            AuthorizationRedirect redirect = oauthClient.authorizationFlow().begin(
                    BeginAuthorization.of(account, TestScopes.DEFAULT, TestClients.CLI_CALLBACK));
            String state = parameter(redirect, "state");
            server.enqueue(json(200, valid(",\"expires_in\":\"3600\"")));

            MalformedTokenResponseException e = catchThrowableOfType(MalformedTokenResponseException.class,
                    () -> oauthClient.authorizationFlow().complete(AuthorizationCallback.of(Map.of(
                            "code", List.of("ory_ac_strict-code-0001"), "state", List.of(state)))));

            assertThat(e.getMessage()).contains("expires_in").doesNotContain(ACCESS).doesNotContain(REFRESH);
            assertThat(store.load(account)).as("nothing stored").isEmpty();
            assertThat(take().getTarget()).isEqualTo("/oauth2/token");
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void aMalformedRefreshIsNotRetriedAndKeepsTheStoredTokens() {
            TokenSet stored = TestTokenSets.issued(clock.instant(), Duration.ofHours(1));
            store.save(account, stored);
            clock.advance(Duration.ofHours(2));
            OAuthClient oauthClient = client();
            server.enqueue(json(200, answer("\"access_token\":" + NUMBER + ",\"token_type\":\"Bearer\",\"refresh_token\":\""
                    + REFRESH + "\"")));

            MalformedTokenResponseException e = catchThrowableOfType(MalformedTokenResponseException.class,
                    () -> oauthClient.accessTokens().currentToken(account));

            assertThat(e.getMessage()).contains("access_token").doesNotContain(NUMBER).doesNotContain(REFRESH);
            assertThat(store.load(account)).as("the stored set is untouched").contains(stored);
            assertThat(server.getRequestCount()).as("a refresh token is never sent twice").isEqualTo(1);
        }

        private static String parameter(AuthorizationRedirect redirect, String name) {
            for (String pair : redirect.authorizationUri().getRawQuery().split("&")) {
                if (pair.startsWith(name + "=")) {
                    return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            throw new AssertionError("no " + name + " in " + redirect.authorizationUri());
        }
    }
}
