package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.AccessToken;
import java.util.Objects;
import java.util.Optional;

/** Out-port: the OpenID Connect userinfo endpoint (OpenID Connect Core 1.0 section 5.3). */
public interface UserInfoEndpoint {

    /** The claims this project reads; {@code sub} is always there, the rest may be omitted. */
    record UserInfo(String subject, Optional<String> email, Optional<String> name) {
        public UserInfo {
            Objects.requireNonNull(subject, "subject == null");
            Objects.requireNonNull(email, "email == null");
            Objects.requireNonNull(name, "name == null");
        }
    }

    /**
     * @throws TokenEndpointUnavailableException when no answer could be obtained or the token was refused
     */
    UserInfo fetch(AccessToken token);
}
