package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerAppTest {

    @Test
    void assemblesFromTheBomsArtifactsWithoutIo(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("OAUTH_ISSUER", "http://127.0.0.1:9", "NEON_OAUTH_DATA_DIR", dir.toString());
        try (JdbcStorage storage = ConsumerApp.storage(env)) {
            OAuthClient client = ConsumerApp.assemble(env, storage);
            assertNotNull(client.authorizationFlow());
            // nothing listens on port 9: discovery fails only now, at first use, with a typed error
            assertThrows(AuthorizationServerDiscovery.DiscoveryException.class, () -> client.authorizationFlow()
                    .begin(dev.neonoauth.core.port.in.BeginAuthorization.of(dev.neonoauth.core.domain.AccountKey.of("a"),
                            dev.neonoauth.core.domain.ScopeSet.of(dev.neonoauth.core.domain.Scope.OPENID), java.net.URI.create("http://127.0.0.1/callback"))));
        }
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void aMissingIssuerIsOneClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsumerApp.assemble(Map.of(), null));
        assertTrue(e.getMessage().contains("OAUTH_ISSUER"), e.getMessage());
    }
}
