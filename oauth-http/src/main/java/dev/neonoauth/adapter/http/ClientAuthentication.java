package dev.neonoauth.adapter.http;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Client authentication at the token and revocation endpoints (RFC 6749 section 2.3.1). */
final class ClientAuthentication {
    private ClientAuthentication() {}

    /**
     * Adds the client's credentials to the form ({@code client_secret_post}, {@code none}) and returns the
     * {@code Authorization} header value for {@code client_secret_basic}, or null. The method is the client's choice,
     * or picked from what {@code server} supports ({@link ClientRegistration#authenticationMethodFor}).
     */
    static String apply(ClientRegistration client, AuthorizationServer server, Map<String, String> form) {
        ClientAuthenticationMethod method;
        try {
            method = client.authenticationMethodFor(server);
        } catch (IllegalArgumentException e) {
            throw new TokenEndpointUnavailableException(e.getMessage(), false, e);
        }
        switch (method) {
            case CLIENT_SECRET_POST -> {
                form.put("client_id", client.clientId());
                form.put("client_secret", secret(client));
                return null;
            }
            case CLIENT_SECRET_BASIC -> {
                // RFC 6749 section 2.3.1: id and secret are form-urlencoded before Base64
                String pair = formEncode(client.clientId()) + ":" + formEncode(secret(client));
                return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            }
            case NONE -> {
                form.put("client_id", client.clientId());
                return null;
            }
            default -> throw new IllegalStateException("unsupported client authentication " + method.parameterValue());
        }
    }

    private static String secret(ClientRegistration client) {
        return client.clientSecret()
                .orElseThrow(() -> new IllegalArgumentException("client " + client.clientId() + " has no secret"))
                .value();
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
