package dev.neonoauth.adapter.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import okhttp3.Call;

/** {@link UserInfoEndpoint} over OkHttp (OpenID Connect Core section 5.3). */
final class HttpUserInfoEndpoint implements UserInfoEndpoint {
    private static final String WHAT = "the userinfo endpoint";
    /**
     * The adapter, built when first used (holder idiom): building Moshi's reflective adapter took about 5 ms of
     * every CLI start, and most commands, with a fresh token, never ask the authorization server anything.
     */
    private static final class Json {
        static final JsonAdapter<OAuthJson.UserInfo> ADAPTER = OAuthJson.MOSHI.adapter(OAuthJson.UserInfo.class);

        private Json() {}
    }
    private final Call.Factory http;
    private final AuthorizationServerSource server;

    HttpUserInfoEndpoint(Call.Factory http, AuthorizationServerSource server) {
        this.http = http;
        this.server = server;
    }

    @Override
    public UserInfo fetch(AccessToken token) {
        AuthorizationServer resolved = server.current();
        URI endpoint = resolved.userinfoEndpoint().orElseThrow(() -> new TokenEndpointUnavailableException(
                "the authorization server " + resolved.issuer() + " has no userinfo endpoint", false));
        Exchange.Answer answer = Exchange.get(http, endpoint.toString(), token.bearerHeaderValue(), WHAT);
        if (answer.status() == 401 || answer.status() == 403) {
            String detail = Exchange.parseError(answer.body()).map(e -> ": " + e.summary()).orElse("");
            throw new TokenEndpointUnavailableException(WHAT + " refused the access token (HTTP " + answer.status() + ")"
                    + detail, false);
        }
        if (answer.status() != 200) {
            throw Exchange.unexpected(answer, WHAT);
        }
        OAuthJson.UserInfo json;
        try {
            json = Json.ADAPTER.fromJson(answer.body());
        } catch (IOException | JsonDataException e) {
            throw new TokenEndpointUnavailableException(WHAT + " answered with a body that is not a JSON object", true, e);
        }
        if (json == null || !(json.sub instanceof String sub) || sub.isBlank()) {
            throw new TokenEndpointUnavailableException(WHAT + " answered without a sub claim", false);
        }
        return new UserInfo(sub, text(json.email), text(json.name));
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
