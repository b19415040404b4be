package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Objects;

/** The OpenID Connect userinfo endpoint (OpenID Connect Core 1.0 section 5.3) with the JDK's HTTP client. */
final class HttpUserInfoEndpoint implements UserInfoEndpoint {
    private final HttpClient http;
    private final URI endpoint;

    HttpUserInfoEndpoint(HttpClient http, URI endpoint) {
        this.http = Objects.requireNonNull(http, "http == null");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
    }

    @Override
    public UserInfo fetch(AccessToken token) {
        Http.Answer answer;
        try {
            answer = Http.send(http, Http.request(endpoint).header("Authorization", token.bearerHeaderValue()).GET().build());
        } catch (IOException e) {
            throw new TokenEndpointUnavailableException(
                    "the userinfo endpoint " + endpoint + " could not be reached: " + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenEndpointUnavailableException("interrupted while calling the userinfo endpoint", false, e);
        }
        if (answer.status() != 200) {
            throw new TokenEndpointUnavailableException(
                    "the userinfo endpoint answered HTTP " + answer.status(), answer.isRetryableFailure());
        }
        Map<String, Object> claims;
        try {
            claims = Json.parseObject(answer.body());
        } catch (IllegalArgumentException e) {
            throw new TokenEndpointUnavailableException("the userinfo endpoint did not return a JSON object", true);
        }
        String subject = Json.string(claims, "sub").filter(s -> !s.isBlank()).orElseThrow(
                () -> new TokenEndpointUnavailableException("the userinfo response has no sub claim", false));
        return new UserInfo(subject, Json.string(claims, "email"), Json.string(claims, "name"));
    }
}
