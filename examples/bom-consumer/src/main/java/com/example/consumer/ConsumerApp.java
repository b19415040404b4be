package com.example.consumer;

import dev.neonoauth.adapter.http.OAuthHttp;
import dev.neonoauth.adapter.http.OAuthHttpConfig;
import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.domain.ClientRegistration;
import java.net.URI;
import java.util.Map;

/** What a consumer writes: configuration in, an {@link OAuthClient} out, in plain Java. */
public final class ConsumerApp {
    private ConsumerApp() {}

    /**
     * Assembles the client for the server named by {@code OAUTH_ISSUER} with durable, encrypted storage
     * ({@code NEON_OAUTH_JDBC_URL}, else an embedded database). No I/O happens until the first sign-in.
     */
    public static OAuthClient assemble(Map<String, String> env, JdbcStorage storage) {
        OAuthHttp http = OAuthHttp.create(OAuthHttpConfig.fromEnvironment(env, "OAUTH_"));
        ClientRegistration client = ClientRegistration.builder()
                .clientId(env.getOrDefault("OAUTH_CLIENT_ID", "consumer"))
                .addRedirectUris(URI.create("http://127.0.0.1/callback"))
                .build();
        return OAuthClient.builder()
                .client(client)
                .endpoints(http)
                .tokenStore(storage.tokenStore())
                .pendingAuthorizationStore(storage.pendingAuthorizationStore())
                .build();
    }

    /** The storage as the environment configures it. */
    public static JdbcStorage storage(Map<String, String> env) {
        return JdbcStorage.open(JdbcStorageConfig.fromEnvironment(env));
    }
}
