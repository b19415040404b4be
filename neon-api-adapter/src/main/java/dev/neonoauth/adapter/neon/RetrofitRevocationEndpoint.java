package dev.neonoauth.adapter.neon;

import dev.neonoauth.core.port.out.RevocationEndpoint;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RevocationEndpoint} over Retrofit (RFC 7009): 200 is success, also for tokens that were already dead. */
final class RetrofitRevocationEndpoint implements RevocationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RetrofitRevocationEndpoint.class);
    private static final String WHAT = "the revocation endpoint";
    private final NeonOAuthService service;
    private final ServerMetadata server;

    RetrofitRevocationEndpoint(NeonOAuthService service, ServerMetadata server) {
        this.service = service;
        this.server = server;
    }

    @Override
    public Outcome revoke(Revocation request) {
        URI endpoint = server.current().revocationEndpoint().orElseThrow(() -> new IllegalStateException(
                "the authorization server " + server.current().issuer() + " has no revocation endpoint"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", request.token());
        form.put("token_type_hint", request.hint().parameterValue());
        String authorization = ClientAuthentication.apply(request.client(), form);
        OAuthHttp.Answer answer = OAuthHttp.execute(service.postForm(endpoint.toString(), form, authorization), WHAT);
        if (answer.status() == 200) {
            LOG.debug("revoked a {} of client {} (request id {})", request.hint().parameterValue(),
                    request.client().clientId(), answer.requestId());
            return new Outcome.Revoked();
        }
        if (answer.isClientError()) {
            var error = OAuthHttp.parseError(answer.body());
            if (error.isPresent()) {
                LOG.info("revocation refused: {} (HTTP {}, request id {})", error.get().code().value(), answer.status(),
                        answer.requestId());
                return new Outcome.Refused(error.get(), answer.status());
            }
        }
        throw OAuthHttp.unexpected(answer, WHAT);
    }
}
