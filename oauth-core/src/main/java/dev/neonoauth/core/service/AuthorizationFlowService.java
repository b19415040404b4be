package dev.neonoauth.core.service;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.AuthorizationCode;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.CodeChallenge;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.in.RejectionReason;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.CodeExchange;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.SecureRandomSource;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenResponse;
import dev.neonoauth.core.port.out.TokenStore;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization code flow with PKCE S256 and a one-time state (RFC 6749 section 4.1, RFC 7636, RFC 9207).
 * See docs/adr/0004-pkce-and-state-policy.md.
 */
public final class AuthorizationFlowService implements AuthorizationFlow {
    /** How long a started authorization may take by default: 10 minutes, Hydra's authorization code lifetime. */
    public static final Duration DEFAULT_STATE_TTL = AuthorizationFlow.DEFAULT_STATE_TTL;
    /** The longest state lifetime accepted. */
    public static final Duration MAX_STATE_TTL = AuthorizationFlow.MAX_STATE_TTL;

    private final AuthorizationServerSource server;
    private final ClientRegistration client;
    private final PendingAuthorizationStore pending;
    private final TokenStore tokens;
    private final TokenEndpoint tokenEndpoint;
    private final SecureRandomSource random;
    private final Clock clock;
    private final Duration stateTtl;

    public AuthorizationFlowService(
            AuthorizationServerSource server,
            ClientRegistration client,
            PendingAuthorizationStore pending,
            TokenStore tokens,
            TokenEndpoint tokenEndpoint,
            SecureRandomSource random,
            Clock clock,
            Duration stateTtl) {
        this.server = Objects.requireNonNull(server, "server == null");
        this.client = Objects.requireNonNull(client, "client == null");
        this.pending = Objects.requireNonNull(pending, "pending == null");
        this.tokens = Objects.requireNonNull(tokens, "tokens == null");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint == null");
        this.random = Objects.requireNonNull(random, "random == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.stateTtl = Objects.requireNonNull(stateTtl, "stateTtl == null");
        if (stateTtl.isNegative() || stateTtl.isZero() || stateTtl.compareTo(MAX_STATE_TTL) > 0) {
            throw new IllegalArgumentException("the state TTL must be between 1 ms and 1 hour");
        }
    }

    @Override
    public AuthorizationRedirect begin(BeginAuthorization command) {
        Objects.requireNonNull(command, "command == null");
        if (!client.allowsRedirectUri(command.redirectUri())) {
            throw new IllegalArgumentException("redirect URI " + command.redirectUri()
                    + " is not registered for client " + client.clientId());
        }
        ScopeSet scopes = command.scopes();
        if (command.includeGrantedScopes()) {
            ScopeSet granted = tokens.load(command.account()).map(TokenSet::grantedScopes).orElse(ScopeSet.empty());
            scopes = granted.union(scopes);
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("ask for at least one scope");
        }
        State state = State.fromEntropy(randomBytes(32));
        CodeVerifier verifier = CodeVerifier.fromEntropy(randomBytes(CodeVerifier.DEFAULT_ENTROPY_BYTES));
        CodeChallenge challenge = CodeChallenge.s256(verifier);
        Instant now = clock.instant();
        PendingAuthorization authorization = PendingAuthorization.builder()
                .state(state)
                .codeVerifier(verifier)
                .account(command.account())
                .redirectUri(command.redirectUri())
                .requestedScopes(scopes)
                .returnTo(command.returnTo())
                .sessionBinding(command.sessionBinding())
                .createdAt(now)
                .expiresAt(now.plus(stateTtl))
                .build();
        pending.save(authorization);

        var uri = new AuthorizationRequestUri(server.current().authorizationEndpoint())
                .param("client_id", client.clientId())
                .param("redirect_uri", command.redirectUri().toString())
                .param("scope", scopes.render())
                .param("response_type", "code")
                .param("code_challenge", challenge.value())
                .param("code_challenge_method", challenge.method().parameterValue())
                .param("state", state.value())
                .build();
        return new AuthorizationRedirect(uri, scopes, authorization.expiresAt());
    }

    @Override
    public CallbackResult complete(AuthorizationCallback callback) {
        Objects.requireNonNull(callback, "callback == null");
        if (callback.malformed()) {
            return rejected(RejectionReason.MALFORMED_PARAMETERS);
        }
        for (Map.Entry<String, List<String>> parameter : callback.parameters().entrySet()) {
            if (parameter.getValue().size() > 1) {
                return rejected(RejectionReason.DUPLICATED_PARAMETER);
            }
        }
        Optional<String> rawState = single(callback, "state");
        if (rawState.isEmpty() || rawState.get().isEmpty()) {
            return rejected(RejectionReason.MISSING_STATE);
        }
        Optional<String> iss = single(callback, "iss");
        if (iss.isPresent() && !server.current().isIssuer(iss.get())) {
            return rejected(RejectionReason.ISSUER_MISMATCH);
        }
        State state;
        try {
            state = new State(rawState.get());
        } catch (IllegalArgumentException e) {
            return rejected(RejectionReason.UNKNOWN_STATE);
        }
        Optional<PendingAuthorization> consumed = pending.consume(state);
        if (consumed.isEmpty()) {
            return rejected(RejectionReason.UNKNOWN_STATE);
        }
        PendingAuthorization authorization = consumed.get();
        if (authorization.isExpiredAt(clock.instant())) {
            return rejected(RejectionReason.EXPIRED_STATE);
        }
        if (authorization.sessionBinding().isPresent()
                && !sameBinding(authorization.sessionBinding().get(), callback.sessionBinding())) {
            return rejected(RejectionReason.SESSION_MISMATCH);
        }

        Optional<String> error = single(callback, "error");
        if (error.isPresent()) {
            return denied(authorization, error.get(), callback);
        }
        Optional<String> rawCode = single(callback, "code");
        if (rawCode.isEmpty() || rawCode.get().isEmpty()) {
            return rejected(RejectionReason.MISSING_CODE);
        }
        AuthorizationCode code;
        try {
            code = new AuthorizationCode(rawCode.get());
        } catch (IllegalArgumentException e) {
            return rejected(RejectionReason.INVALID_PARAMETER);
        }
        Optional<ScopeSet> callbackScope = single(callback, "scope").flatMap(ScopeSet::tryParse);

        TokenResponse response = tokenEndpoint.exchange(
                new CodeExchange(client, code, authorization.redirectUri(), authorization.codeVerifier()));
        if (response instanceof TokenResponse.Refused refused) {
            return new CallbackResult.ExchangeRefused(authorization.account(), refused.error());
        }
        TokenResponse.Issued issued = (TokenResponse.Issued) response;
        TokenSet tokenSet = Tokens.toTokenSet(
                issued.tokens(), clock.instant(), callbackScope.orElse(authorization.requestedScopes()));
        tokens.save(authorization.account(), tokenSet);
        return new CallbackResult.Authorized(
                authorization.account(), tokenSet.grantedScopes(), authorization.requestedScopes(), authorization.returnTo());
    }

    private CallbackResult denied(PendingAuthorization authorization, String rawError, AuthorizationCallback callback) {
        OAuthErrorCode code;
        try {
            code = OAuthErrorCode.of(rawError);
        } catch (IllegalArgumentException e) {
            return rejected(RejectionReason.INVALID_PARAMETER);
        }
        OAuthError error = new OAuthError(code, single(callback, "error_description"), single(callback, "error_uri"),
                single(callback, "error_hint"));
        AccountKey account = authorization.account();
        return new CallbackResult.Denied(account, error, authorization.returnTo());
    }

    private static boolean sameBinding(String expected, Optional<String> actual) {
        return actual.isPresent() && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.get().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> single(AuthorizationCallback callback, String name) {
        List<String> values = callback.values(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static CallbackResult rejected(RejectionReason reason) {
        return new CallbackResult.Rejected(reason);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
