package dev.neonoauth.adapter.neon;

import dev.neonoauth.core.domain.ClientRegistration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Client authentication at the token and revocation endpoints (RFC 6749 section 2.3.1). */
final class ClientAuthentication {
    private ClientAuthentication() {}

    /**
     * Adds the client's credentials to the form ({@code client_secret_post}, {@code none}) and returns the
     * {@code Authorization} header value for {@code client_secret_basic}, or null.
     */
    static String apply(ClientRegistration client, Map<String, String> form) {
        switch (client.authenticationMethod()) {
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
            default -> throw new IllegalStateException("unsupported client authentication " + client.authenticationMethod());
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
