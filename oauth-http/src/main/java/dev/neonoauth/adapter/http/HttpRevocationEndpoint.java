package dev.neonoauth.adapter.http;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RevocationEndpoint} over OkHttp (RFC 7009): 200 is success, also for tokens that were already dead. */
final class HttpRevocationEndpoint implements RevocationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRevocationEndpoint.class);
    private static final String WHAT = "the revocation endpoint";
    private final Call.Factory http;
    private final AuthorizationServerSource server;

    HttpRevocationEndpoint(Call.Factory http, AuthorizationServerSource server) {
        this.http = http;
        this.server = server;
    }

    @Override
    public Outcome revoke(Revocation request) {
        AuthorizationServer resolved = server.current();
        URI endpoint = resolved.revocationEndpoint().orElseThrow(() -> new TokenEndpointUnavailableException(
                "the authorization server " + resolved.issuer() + " has no revocation endpoint", false));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", request.token());
        form.put("token_type_hint", request.hint().parameterValue());
        String authorization = ClientAuthentication.apply(request.client(), resolved, form);
        Exchange.Answer answer = Exchange.postForm(http, endpoint.toString(), form, authorization, WHAT);
        if (answer.status() == 200) {
            LOG.debug("revoked a {} of client {} (request id {})", request.hint().parameterValue(),
                    request.client().clientId(), answer.requestId());
            return new Outcome.Revoked();
        }
        if (answer.isClientError()) {
            Optional<OAuthError> error = Exchange.parseError(answer.body());
            if (error.isPresent()) {
                LOG.info("revocation refused: {} (HTTP {}, request id {})", Exchange.printable(error.get().code().value()),
                        answer.status(), answer.requestId());
                return new Outcome.Refused(error.get(), answer.status());
            }
        }
        throw Exchange.unexpected(answer, WHAT);
    }
}
