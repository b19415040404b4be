package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    @Test
    void discoveryDocumentHasNeonsShapeWithATrailingSlashIssuer() {
        try (NeonSandbox s = NeonSandbox.builder().start()) {
            TestHttp h = new TestHttp(s);
            JsonNode d = TestHttp.parse(h.get("/.well-known/openid-configuration").body());
            String base = s.baseUri().toString();
            assertThat(s.issuer().toString()).isEqualTo(base + "/");
            assertThat(s.apiBaseUri().toString()).isEqualTo(base + "/api/v2");
            assertThat(d.path("issuer").asText()).isEqualTo(base + "/");
            assertThat(d.path("authorization_endpoint").asText()).isEqualTo(base + "/oauth2/auth");
            assertThat(d.path("token_endpoint").asText()).isEqualTo(base + "/oauth2/token");
            assertThat(d.path("revocation_endpoint").asText()).isEqualTo(base + "/oauth2/revoke");
            assertThat(d.path("userinfo_endpoint").asText()).isEqualTo(base + "/userinfo");
            assertThat(d.path("jwks_uri").asText()).isEqualTo(base + "/.well-known/jwks.json");
            assertThat(d.path("end_session_endpoint").asText()).isEqualTo(base + "/oauth2/sessions/logout");
            assertThat(texts(d.path("scopes_supported"))).containsExactly("offline_access", "offline", "openid");
            assertThat(texts(d.path("code_challenge_methods_supported"))).containsExactly("plain", "S256");
            assertThat(texts(d.path("token_endpoint_auth_methods_supported")))
                    .containsExactly("client_secret_post", "client_secret_basic", "private_key_jwt", "none");
            assertThat(texts(d.path("request_object_signing_alg_values_supported"))).containsExactly("RS256", "none");
            assertThat(texts(d.path("id_token_signing_alg_values_supported"))).containsExactly("RS256");
            assertThat(d.has("device_authorization_endpoint")).isFalse();
            assertThat(d.has("pushed_authorization_request_endpoint")).isFalse();
            assertThat(h.get("/oauth2/sessions/logout").statusCode()).isEqualTo(200);
            assertThat(h.get("/").body()).contains("neon-oauth-web").contains("neon-oauth-cli").contains("neonctl");
        }
    }

    @Test
    void defaultClientsAreAsDocumented() {
        List<SandboxClient> clients = SandboxClient.defaults();
        SandboxClient web = clients.get(0);
        SandboxClient cli = clients.get(1);
        assertThat(web.clientId()).isEqualTo("neon-oauth-web");
        assertThat(web.isPublic()).isFalse();
        assertThat(web.authMethods()).containsExactlyInAnyOrder("client_secret_post", "client_secret_basic");
        assertThat(web.scopes()).containsExactlyInAnyOrderElementsOf(NeonScopes.ALL);
        assertThat(web.toString()).doesNotContain("sandbox-web-secret");
        assertThat(cli.clientId()).isEqualTo("neon-oauth-cli");
        assertThat(cli.isPublic()).isTrue();
        assertThat(cli.redirectUris()).containsExactly("http://127.0.0.1/callback", "http://[::1]/callback");
        SandboxClient neonctl = clients.get(2);
        assertThat(clients).hasSize(3);
        assertThat(neonctl.clientId()).isEqualTo(SandboxClient.NEONCTL_CLIENT_ID).isEqualTo("neonctl");
        assertThat(neonctl.isPublic()).isTrue();
        assertThat(neonctl.redirectUris()).containsExactly("http://127.0.0.1/callback");
        assertThat(neonctl.scopes()).as("the twelve scopes neonctl asks for").containsExactlyInAnyOrder(
                "openid", "offline", "offline_access", NeonScopes.PROJECTS_CREATE, NeonScopes.PROJECTS_READ,
                NeonScopes.PROJECTS_UPDATE, NeonScopes.PROJECTS_DELETE, NeonScopes.ORGS_CREATE, NeonScopes.ORGS_READ,
                NeonScopes.ORGS_UPDATE, NeonScopes.ORGS_DELETE, NeonScopes.ORGS_PERMISSION);
        assertThat(SandboxUser.defaultUser().toString()).doesNotContain("password=sandbox");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
