package dev.neonoauth.adapter.neon;

import dev.neonoauth.core.port.out.CodeExchange;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenRefresh;
import dev.neonoauth.core.port.out.TokenResponse;
import dev.neonoauth.core.domain.ClientRegistration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TokenEndpoint} over Retrofit: authorization_code and refresh_token grants, form-encoded, never retried here
 * (a refresh token sent twice makes Hydra revoke the whole grant; NEON.md section 1.5).
 */
final class RetrofitTokenEndpoint implements TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RetrofitTokenEndpoint.class);
    private static final String WHAT = "the token endpoint";
    private final NeonOAuthService service;
    private final ServerMetadata server;

    RetrofitTokenEndpoint(NeonOAuthService service, ServerMetadata server) {
        this.service = service;
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
        String url = server.current().tokenEndpoint().toString();
        String authorization = ClientAuthentication.apply(client, form);
        OAuthHttp.Answer answer = OAuthHttp.execute(service.postForm(url, form, authorization), WHAT);
        LOG.debug("{} grant for client {}: HTTP {} (request id {})", grant, client.clientId(), answer.status(), answer.requestId());
        if (answer.status() == 200) {
            return new TokenResponse.Issued(TokenResponseMapper.parse(answer.body()));
        }
        if (answer.isClientError()) {
            var error = OAuthHttp.parseError(answer.body());
            if (error.isPresent()) {
                LOG.info("{} grant refused by the token endpoint: {} (HTTP {}, request id {})",
                        grant, error.get().code().value(), answer.status(), answer.requestId());
                return new TokenResponse.Refused(error.get(), answer.status());
            }
        }
        TokenEndpointUnavailableException failure = OAuthHttp.unexpected(answer, WHAT);
        LOG.warn("{} grant failed: {}", grant, failure.getMessage());
        throw failure;
    }
}
