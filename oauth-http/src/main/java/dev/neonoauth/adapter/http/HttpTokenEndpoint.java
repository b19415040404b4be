package dev.neonoauth.adapter.http;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.CodeExchange;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenRefresh;
import dev.neonoauth.core.port.out.TokenResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TokenEndpoint} over OkHttp: the authorization_code and refresh_token grants, form-encoded, never retried
 * here (a refresh token sent twice makes a server that rotates refresh tokens revoke the whole grant).
 */
final class HttpTokenEndpoint implements TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTokenEndpoint.class);
    private static final String WHAT = "the token endpoint";
    private final Call.Factory http;
    private final AuthorizationServerSource server;

    HttpTokenEndpoint(Call.Factory http, AuthorizationServerSource server) {
        this.http = http;
        this.server = server;
    }

    @Override
    public TokenResponse exchange(CodeExchange request) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", request.code().value());
        form.put("redirect_uri", request.redirectUri().toString());
        form.put("code_verifier", request.codeVerifier().value());
        return post(request.client(), form, "authorization_code");
    }

    @Override
    public TokenResponse refresh(TokenRefresh request) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", request.refreshToken().value());
        return post(request.client(), form, "refresh_token");
    }

    private TokenResponse post(ClientRegistration client, Map<String, String> form, String grant) {
        AuthorizationServer resolved = server.current();
        String authorization = ClientAuthentication.apply(client, resolved, form);
        Exchange.Answer answer = Exchange.postForm(http, resolved.tokenEndpoint().toString(), form, authorization, WHAT);
        LOG.debug("{} grant for client {}: HTTP {} (request id {})", grant, client.clientId(), answer.status(),
                answer.requestId());
        if (answer.status() == 200) {
            return new TokenResponse.Issued(TokenResponseParser.parse(answer.contentType(), answer.body()));
        }
        if (answer.isClientError()) {
            Optional<OAuthError> error = Exchange.parseError(answer.body());
            if (error.isPresent()) {
                LOG.info("{} grant refused by the token endpoint: {} (HTTP {}, request id {})",
                        grant, Exchange.printable(error.get().code().value()), answer.status(), answer.requestId());
                return new TokenResponse.Refused(error.get(), answer.status());
            }
        }
        TokenEndpointUnavailableException failure = Exchange.unexpected(answer, WHAT);
        LOG.warn("{} grant failed: {}", grant, failure.getMessage());
        throw failure;
    }
}
