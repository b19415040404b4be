package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.RefreshToken;
import java.util.Objects;

/** A refresh-token grant request (RFC 6749 section 6). No scope is sent, so the grant's scope is kept. */
public record TokenRefresh(ClientRegistration client, RefreshToken refreshToken) {
    public TokenRefresh {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(refreshToken, "refreshToken == null");
    }
}
