package dev.neonoauth.core.service;

import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.testing.TestScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.CodeChallenge;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.in.RejectionReason;
import dev.neonoauth.core.port.out.CodeExchange;
import dev.neonoauth.core.port.out.IssuedTokens;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenRefresh;
import dev.neonoauth.core.port.out.TokenResponse;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.testing.MutableClock;
import dev.neonoauth.core.testing.TestClients;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.RefreshToken;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizationFlowServiceTest {
    private static final AccountKey ALICE = AccountKey.of("app-user-alice");
    private static final ScopeSet SCOPES = ScopeSet.of(Scope.OPENID, TestScopes.OFFLINE, Scope.OFFLINE_ACCESS,
            TestScopes.CREATE, TestScopes.READ, TestScopes.UPDATE, TestScopes.DELETE);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final InMemoryPendingAuthorizationStore pending = new InMemoryPendingAuthorizationStore();
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final RecordingTokenEndpoint endpoint = new RecordingTokenEndpoint();
    private final AuthorizationFlowService flow = new AuthorizationFlowService(AuthorizationServerSource.of(TestClients.server()),
            TestClients.confidential(), pending, tokens, endpoint, counterRandom(), clock, Duration.ofMinutes(10));

    @Test
    void beginBuildsTheAuthorizationUrlWithEveryParameterInOrder() {
        AuthorizationRedirect redirect = flow.begin(BeginAuthorization.of(ALICE, SCOPES, TestClients.WEB_CALLBACK));

        URI uri = redirect.authorizationUri();
        assertThat(uri.getScheme() + "://" + uri.getHost() + uri.getPath()).isEqualTo("https://login.example.com/oauth2/auth");
        assertThat(uri.getRawQuery()).startsWith("client_id=neon-oauth-web&redirect_uri=http%3A%2F%2Flocalhost%3A3000"
                + "%2Fapi%2Foauth%2Fcallback&scope=openid%20offline%20offline_access%20urn%3Aexample%3Aprojects%3Acreate");
        Map<String, String> query = query(uri);
        assertThat(query.keySet()).containsExactly("client_id", "redirect_uri", "scope", "response_type",
                "code_challenge", "code_challenge_method", "state");
        assertThat(query.get("response_type")).isEqualTo("code");
        assertThat(query.get("code_challenge_method")).isEqualTo("S256");
        assertThat(query.get("scope")).isEqualTo(SCOPES.render());
        assertThat(query.get("state")).hasSize(43);
        assertThat(redirect.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void beginStoresTheVerifierWhoseChallengeWasSent() {
        AuthorizationRedirect redirect = flow.begin(BeginAuthorization.of(ALICE, SCOPES, TestClients.WEB_CALLBACK));
        Map<String, String> query = query(redirect.authorizationUri());

        PendingAuthorization stored = pending.consume(new State(query.get("state"))).orElseThrow();

        assertThat(CodeChallenge.s256(stored.codeVerifier()).value()).isEqualTo(query.get("code_challenge"));
        assertThat(stored.requestedScopes()).isEqualTo(SCOPES);
        assertThat(stored.account()).isEqualTo(ALICE);
    }

    @Test
    void beginWhenRedirectUriNotRegisteredThenRejected() {
        assertThatThrownBy(() -> flow.begin(BeginAuthorization.of(ALICE, SCOPES, URI.create("https://evil.example/cb"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not registered");
        assertThat(pending.size()).isZero();
    }

    @Test
    void beginWhenReturnToIsNotARelativePathThenRejected() {
        assertThatThrownBy(() -> BeginAuthorization.of(ALICE, SCOPES, TestClients.WEB_CALLBACK).withReturnTo("//evil.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void beginWithIncrementalAuthorizationAsksForGrantedPlusNewScopes() {
        tokens.save(ALICE, TokenSet.builder().accessToken(new AccessToken("at")).grantedScopes(
                ScopeSet.of(TestScopes.READ, TestScopes.OFFLINE)).issuedAt(clock.instant()).build());

        AuthorizationRedirect redirect = flow.begin(BeginAuthorization.of(
                ALICE, ScopeSet.of(TestScopes.CREATE), TestClients.WEB_CALLBACK).includingGrantedScopes());

        assertThat(query(redirect.authorizationUri()).get("scope"))
                .isEqualTo("urn:example:projects:read offline urn:example:projects:create");
    }

    @Test
    void beginKeepsTheEndpointsOwnQueryParameters() {
        AuthorizationServer server = AuthorizationServer.builder().issuer(URI.create("https://login.example.com"))
                .authorizationEndpoint(URI.create("https://login.example.com/authorize?tenant=acme"))
                .tokenEndpoint(URI.create("https://login.example.com/token")).build();
        AuthorizationFlowService other = new AuthorizationFlowService(AuthorizationServerSource.of(server), TestClients.confidential(), pending, tokens,
                endpoint, counterRandom(), clock, Duration.ofMinutes(10));

        URI uri = other.begin(BeginAuthorization.of(ALICE, SCOPES, TestClients.WEB_CALLBACK)).authorizationUri();

        assertThat(uri.getRawQuery()).startsWith("tenant=acme&client_id=neon-oauth-web&");
    }

    @Test
    void completeWhenCodeAndStateValidThenExchangesWithVerifierAndStoresTokens() {
        Started started = start();

        CallbackResult result = flow.complete(callback("code", "ory_ac_the_code", "scope", SCOPES.render(),
                "state", started.state));

        assertThat(result).isInstanceOf(CallbackResult.Authorized.class);
        CallbackResult.Authorized authorized = (CallbackResult.Authorized) result;
        assertThat(authorized.account()).isEqualTo(ALICE);
        assertThat(authorized.grantedScopes()).isEqualTo(ScopeSet.of(TestScopes.READ, TestScopes.OFFLINE));
        assertThat(authorized.missingScopes()).contains(TestScopes.CREATE);
        CodeExchange sent = endpoint.exchanges.get(0);
        assertThat(sent.code().value()).isEqualTo("ory_ac_the_code");
        assertThat(sent.redirectUri()).isEqualTo(TestClients.WEB_CALLBACK);
        assertThat(CodeChallenge.s256(sent.codeVerifier()).value()).isEqualTo(started.challenge);
        TokenSet stored = tokens.load(ALICE).orElseThrow();
        assertThat(stored.accessToken().value()).isEqualTo("ory_at_issued");
        assertThat(stored.expiresAt()).contains(clock.instant().plusSeconds(3600));
        assertThat(stored.subject()).contains("neon-user-1");
    }

    @Test
    void completeWhenTokenResponseOmitsScopeThenCallbackScopeIsGranted() {
        endpoint.scope = Optional.empty();
        Started started = start();

        CallbackResult result = flow.complete(callback("code", "c", "scope", "openid urn:example:projects:read",
                "state", started.state));

        assertThat(((CallbackResult.Authorized) result).grantedScopes())
                .isEqualTo(ScopeSet.of(Scope.OPENID, TestScopes.READ));
    }

    @Test
    void completeWhenNoScopeAnywhereThenRequestedScopesAreGranted() {
        endpoint.scope = Optional.empty();
        Started started = start();

        CallbackResult result = flow.complete(callback("code", "c", "state", started.state));

        assertThat(((CallbackResult.Authorized) result).grantedScopes()).isEqualTo(SCOPES);
    }

    @Test
    void completeWhenStateReplayedThenRejectedAndNoSecondExchange() {
        Started started = start();
        flow.complete(callback("code", "c", "state", started.state));

        CallbackResult replay = flow.complete(callback("code", "c", "state", started.state));

        assertThat(replay).isEqualTo(new CallbackResult.Rejected(RejectionReason.UNKNOWN_STATE));
        assertThat(endpoint.exchanges).hasSize(1);
    }

    @Test
    void completeWhenStateUnknownMissingOrGarbageThenRejectedWithoutExchange() {
        start();
        assertThat(flow.complete(callback("code", "c", "state", "forged"))).isEqualTo(rejected(RejectionReason.UNKNOWN_STATE));
        assertThat(flow.complete(callback("code", "c"))).isEqualTo(rejected(RejectionReason.MISSING_STATE));
        assertThat(flow.complete(callback("code", "c", "state", ""))).isEqualTo(rejected(RejectionReason.MISSING_STATE));
        assertThat(flow.complete(callback("code", "c", "state", "x".repeat(5000)))).isEqualTo(rejected(RejectionReason.UNKNOWN_STATE));
        assertThat(flow.complete(callback("code", "c", "state", "<script>\u0000"))).isEqualTo(rejected(RejectionReason.UNKNOWN_STATE));
        assertThat(endpoint.exchanges).isEmpty();
        assertThat(tokens.load(ALICE)).isEmpty();
    }

    @Test
    void completeWhenStateExpiredThenRejectedAndConsumed() {
        Started started = start();
        clock.advance(Duration.ofMinutes(10));

        assertThat(flow.complete(callback("code", "c", "state", started.state))).isEqualTo(rejected(RejectionReason.EXPIRED_STATE));
        assertThat(pending.size()).isZero();
        assertThat(endpoint.exchanges).isEmpty();
    }

    @Test
    void completeJustBeforeExpiryThenAccepted() {
        Started started = start();
        clock.advance(Duration.ofMinutes(10).minusMillis(1));

        assertThat(flow.complete(callback("code", "c", "state", started.state))).isInstanceOf(CallbackResult.Authorized.class);
    }

    @Test
    void completeWhenDuplicatedParameterThenRejected() {
        Started started = start();
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("code", List.of("a", "b"));
        params.put("state", List.of(started.state));

        assertThat(flow.complete(AuthorizationCallback.of(params))).isEqualTo(rejected(RejectionReason.DUPLICATED_PARAMETER));
        assertThat(flow.complete(AuthorizationCallback.fromQuery("code=a&state=" + started.state + "&state=" + started.state)))
                .isEqualTo(rejected(RejectionReason.DUPLICATED_PARAMETER));
        assertThat(endpoint.exchanges).isEmpty();
    }

    @Test
    void completeWhenCodeMissingThenRejected() {
        Started started = start();
        assertThat(flow.complete(callback("state", started.state))).isEqualTo(rejected(RejectionReason.MISSING_CODE));
    }

    @Test
    void completeWhenAuthorizationServerSaysAccessDeniedThenDenied() {
        Started started = start();

        CallbackResult result = flow.complete(AuthorizationCallback.fromQuery(
                "error=access_denied&error_description=The+resource+owner+denied+the+request.&state=" + started.state));

        assertThat(result).isInstanceOf(CallbackResult.Denied.class);
        CallbackResult.Denied denied = (CallbackResult.Denied) result;
        assertThat(denied.error().code()).isEqualTo(OAuthErrorCode.ACCESS_DENIED);
        assertThat(denied.error().description()).contains("The resource owner denied the request.");
        assertThat(denied.account()).isEqualTo(ALICE);
        assertThat(endpoint.exchanges).isEmpty();
    }

    @Test
    void completeWhenErrorWithoutStateThenRejectedNotDenied() {
        start();
        assertThat(flow.complete(callback("error", "access_denied"))).isEqualTo(rejected(RejectionReason.MISSING_STATE));
    }

    @Test
    void completeWhenIssuerParameterNamesAnotherServerThenRejectedAndPendingKept() {
        Started started = start();

        assertThat(flow.complete(callback("code", "c", "state", started.state, "iss", "https://evil.example/")))
                .isEqualTo(rejected(RejectionReason.ISSUER_MISMATCH));
        assertThat(flow.complete(callback("code", "c", "state", started.state, "iss", "https://login.example.com")))
                .isInstanceOf(CallbackResult.Authorized.class);
    }

    @Test
    void completeWhenSessionBindingDiffersThenRejected() {
        AuthorizationRedirect redirect = flow.begin(BeginAuthorization.of(ALICE, SCOPES, TestClients.WEB_CALLBACK)
                .withSessionBinding("session-a"));
        String state = query(redirect.authorizationUri()).get("state");

        assertThat(flow.complete(callback("code", "c", "state", state).withSessionBinding("session-b")))
                .isEqualTo(rejected(RejectionReason.SESSION_MISMATCH));
        assertThat(endpoint.exchanges).isEmpty();
    }

    @Test
    void completeWhenSessionBindingMatchesThenAuthorizedWithReturnTo() {
        AuthorizationRedirect redirect = flow.begin(BeginAuthorization.of(ALICE, SCOPES, TestClients.WEB_CALLBACK)
                .withSessionBinding("session-a").withReturnTo("/projects/p-1"));
        String state = query(redirect.authorizationUri()).get("state");

        CallbackResult result = flow.complete(callback("code", "c", "state", state).withSessionBinding("session-a"));

        assertThat(((CallbackResult.Authorized) result).returnTo()).contains("/projects/p-1");
    }

    @Test
    void completeWhenQueryMalformedThenRejected() {
        start();
        assertThat(flow.complete(AuthorizationCallback.fromQuery("code=%ZZ&state=abc"))).isEqualTo(rejected(RejectionReason.MALFORMED_PARAMETERS));
        assertThat(flow.complete(AuthorizationCallback.fromQuery("code=%C3%28&state=abc"))).isEqualTo(rejected(RejectionReason.MALFORMED_PARAMETERS));
        assertThat(flow.complete(AuthorizationCallback.fromQuery("state=" + "a".repeat(9000)))).isEqualTo(rejected(RejectionReason.MALFORMED_PARAMETERS));
    }

    @Test
    void completeWhenTokenEndpointRefusesThenExchangeRefusedAndNothingStored() {
        endpoint.refuse = Optional.of(OAuthError.of(OAuthErrorCode.INVALID_GRANT, "The provided authorization grant is invalid"));
        Started started = start();

        CallbackResult result = flow.complete(callback("code", "c", "state", started.state));

        assertThat(result).isInstanceOf(CallbackResult.ExchangeRefused.class);
        assertThat(((CallbackResult.ExchangeRefused) result).error().code()).isEqualTo(OAuthErrorCode.INVALID_GRANT);
        assertThat(tokens.load(ALICE)).isEmpty();
    }

    @Test
    void completeWhenTokenEndpointUnavailableThenThrowsAndStoresNothing() {
        endpoint.unavailable = true;
        Started started = start();

        assertThatThrownBy(() -> flow.complete(callback("code", "c", "state", started.state)))
                .isInstanceOf(TokenEndpointUnavailableException.class);
        assertThat(tokens.load(ALICE)).isEmpty();
    }

    @Test
    void errorMessagesAndResultsNeverCarryTheCode() {
        endpoint.unavailable = true;
        Started started = start();
        Throwable thrown = null;
        try {
            flow.complete(callback("code", "ory_ac_secret_code_value", "state", started.state));
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown).isNotNull();
        assertThat(String.valueOf(thrown.getMessage())).doesNotContain("ory_ac_secret_code_value");
        assertThat(AuthorizationCallback.fromQuery("code=ory_ac_secret_code_value").toString())
                .doesNotContain("ory_ac_secret_code_value");
    }

    private record Started(String state, String challenge) {}

    private Started start() {
        Map<String, String> query = query(flow.begin(BeginAuthorization.of(ALICE, SCOPES, TestClients.WEB_CALLBACK))
                .authorizationUri());
        return new Started(query.get("state"), query.get("code_challenge"));
    }

    private static CallbackResult rejected(RejectionReason reason) {
        return new CallbackResult.Rejected(reason);
    }

    private static AuthorizationCallback callback(String... pairs) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return AuthorizationCallback.of(params);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static dev.neonoauth.core.port.out.SecureRandomSource counterRandom() {
        java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
        return bytes -> {
            int base = counter.incrementAndGet();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (base * 31 + i);
            }
        };
    }

    /** Records exchanges; answers as configured. */
    static final class RecordingTokenEndpoint implements TokenEndpoint {
        final List<CodeExchange> exchanges = new ArrayList<>();
        Optional<ScopeSet> scope = Optional.of(ScopeSet.of(TestScopes.READ, TestScopes.OFFLINE));
        Optional<OAuthError> refuse = Optional.empty();
        boolean unavailable;

        @Override
        public TokenResponse exchange(CodeExchange request) {
            exchanges.add(request);
            if (unavailable) {
                throw new TokenEndpointUnavailableException("token endpoint answered 503", true);
            }
            if (refuse.isPresent()) {
                return new TokenResponse.Refused(refuse.get(), 400);
            }
            return new TokenResponse.Issued(new IssuedTokens(new AccessToken("ory_at_issued"),
                    Optional.of(new RefreshToken("ory_rt_issued")), Optional.of(Duration.ofSeconds(3600)), scope,
                    Optional.of("neon-user-1")));
        }

        @Override
        public TokenResponse refresh(TokenRefresh request) {
            throw new AssertionError("the flow never refreshes");
        }
    }

    @Test
    void verifierIsFreshForEveryFlow() {
        Started a = start();
        Started b = start();
        assertThat(a.state).isNotEqualTo(b.state);
        assertThat(a.challenge).isNotEqualTo(b.challenge);
        CodeVerifier first = pending.consume(new State(a.state)).orElseThrow().codeVerifier();
        CodeVerifier second = pending.consume(new State(b.state)).orElseThrow().codeVerifier();
        assertThat(first).isNotEqualTo(second);
    }
}
