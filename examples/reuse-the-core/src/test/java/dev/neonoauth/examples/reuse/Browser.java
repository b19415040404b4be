package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plays the user's browser: opens the authorization URL, and follows the provider's redirect to the application. */
final class Browser {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Returns where the provider redirected to (the application's callback URL with code and state). */
    URI signIn(URI authorizationUri) throws IOException, InterruptedException {
        HttpResponse<String> atProvider = http.send(HttpRequest.newBuilder(authorizationUri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).as("the provider answers the authorization request with a redirect").isEqualTo(302);
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> atApp = http.send(HttpRequest.newBuilder(callback).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atApp.statusCode()).as("the application's loopback receiver answers").isEqualTo(200);
        return callback;
    }
}
