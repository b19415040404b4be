package dev.neonoauth.adapter.neon;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** {@link UserInfoEndpoint} over Retrofit (OpenID Connect Core section 5.3). */
final class RetrofitUserInfoEndpoint implements UserInfoEndpoint {
    private static final String WHAT = "the userinfo endpoint";
    private static final JsonAdapter<OAuthJson.UserInfo> JSON = Json.MOSHI.adapter(OAuthJson.UserInfo.class);
    private final NeonOAuthService service;
    private final ServerMetadata server;

    RetrofitUserInfoEndpoint(NeonOAuthService service, ServerMetadata server) {
        this.service = service;
        this.server = server;
    }

    @Override
    public UserInfo fetch(AccessToken token) {
        URI endpoint = server.current().userinfoEndpoint().orElseThrow(() -> new IllegalStateException(
                "the authorization server " + server.current().issuer() + " has no userinfo endpoint"));
        OAuthHttp.Answer answer = OAuthHttp.execute(service.userinfo(endpoint.toString(), token.bearerHeaderValue()), WHAT);
        if (answer.status() == 401 || answer.status() == 403) {
            String detail = OAuthHttp.parseError(answer.body()).map(e -> ": " + e.summary()).orElse("");
            throw new TokenEndpointUnavailableException(WHAT + " refused the access token (HTTP " + answer.status() + ")"
                    + detail, false);
        }
        if (answer.status() != 200) {
            throw OAuthHttp.unexpected(answer, WHAT);
        }
        OAuthJson.UserInfo json;
        try {
            json = JSON.fromJson(answer.body());
        } catch (IOException | JsonDataException e) {
            throw new TokenEndpointUnavailableException(WHAT + " answered with a body that is not a JSON object", true, e);
        }
        if (json == null || json.sub == null || json.sub.isBlank()) {
            throw new TokenEndpointUnavailableException(WHAT + " answered without a sub claim", false);
        }
        return new UserInfo(json.sub, text(json.email), text(json.name));
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
