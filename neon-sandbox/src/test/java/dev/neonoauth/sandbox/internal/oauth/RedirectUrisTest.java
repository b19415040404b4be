package dev.neonoauth.sandbox.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectUrisTest {

    private static final List<String> REGISTERED = List.of("http://127.0.0.1/callback", "http://[::1]/callback",
            "http://localhost:3000/api/oauth/callback", "https://app.example/cb?tenant=1");

    @Test
    void exactMatchesAndLoopbackLiteralPortLeeway() {
        assertThat(RedirectUris.match(REGISTERED, "http://localhost:3000/api/oauth/callback")).isPresent();
        assertThat(RedirectUris.match(REGISTERED, "https://app.example/cb?tenant=1")).isPresent();
        assertThat(RedirectUris.match(REGISTERED, "http://127.0.0.1:61234/callback")).hasValue("http://127.0.0.1/callback");
        assertThat(RedirectUris.match(REGISTERED, "http://[::1]:9/callback")).hasValue("http://[::1]/callback");
    }

    @Test
    void everythingElseIsRefused() {
        assertThat(RedirectUris.match(REGISTERED, "http://localhost:3001/api/oauth/callback")).isEmpty();
        assertThat(RedirectUris.match(REGISTERED, "http://localhost/callback")).isEmpty();
        assertThat(RedirectUris.match(REGISTERED, "http://127.0.0.1:5000/callback/")).isEmpty();
        assertThat(RedirectUris.match(REGISTERED, "https://127.0.0.1:5000/callback")).isEmpty();
        assertThat(RedirectUris.match(REGISTERED, "http://127.0.0.2:5000/callback")).as("host must equal the registered one").isEmpty();
        assertThat(RedirectUris.match(REGISTERED, "https://app.example/cb?tenant=2")).isEmpty();
        assertThat(RedirectUris.match(REGISTERED, "")).isEmpty();
        assertThat(RedirectUris.match(REGISTERED, null)).isEmpty();
    }
}
