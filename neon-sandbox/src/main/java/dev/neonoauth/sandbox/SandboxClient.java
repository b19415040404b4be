package dev.neonoauth.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth 2.0 client registered with the sandbox, the way Neon registers a partner's application.
 *
 * <p>The JSON form (used by {@code clientsFile} and the bundled {@value #DEFAULT_CLIENTS_RESOURCE}) mirrors Hydra's
 * client fields: {@code client_id}, {@code client_secret}, {@code token_endpoint_auth_methods} (a list: Hydra
 * allows one method per client, the sandbox allows several so one client can serve both post and basic),
 * {@code redirect_uris}, {@code scope} (space separated), {@code client_name} and {@code logo_uri}.
 *
 * @param clientId     the {@code client_id}
 * @param clientSecret the secret, or {@code null} for a public client
 * @param authMethods  accepted token endpoint auth methods: {@code client_secret_post}, {@code client_secret_basic},
 *                     or {@code none} (public client)
 * @param redirectUris registered redirect URIs, compared exactly except for loopback IP literals (port may vary)
 * @param scopes       scopes this client may request
 * @param name         the application name the consent page shows
 * @param logoUri      the logo the consent page shows (a path on the sandbox, or an absolute https URL)
 */
public record SandboxClient(String clientId, String clientSecret, Set<String> authMethods, List<String> redirectUris,
                            Set<String> scopes, String name, String logoUri) {

    public static final String DEFAULT_CLIENTS_RESOURCE = "/dev/neonoauth/sandbox/default-clients.json";
    public static final String DEFAULT_WEB_CLIENT_ID = "neon-oauth-web";
    public static final String DEFAULT_WEB_CLIENT_SECRET = "sandbox-web-secret";
    public static final String DEFAULT_CLI_CLIENT_ID = "neon-oauth-cli";
    /**
     * Neon's own CLI's client id: public, {@code http://127.0.0.1:<any port>/callback}, and the twelve scopes neonctl
     * asks for, so that {@code neonctl auth --oauth-host http://127.0.0.1:PORT} signs in to the sandbox.
     */
    public static final String NEONCTL_CLIENT_ID = "neonctl";

    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String NONE = "none";
    private static final Set<String> KNOWN_METHODS = Set.of(CLIENT_SECRET_POST, CLIENT_SECRET_BASIC, NONE);

    public SandboxClient {
        Objects.requireNonNull(clientId, "clientId == null");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is blank");
        }
        authMethods = Set.copyOf(Objects.requireNonNull(authMethods, "authMethods == null"));
        redirectUris = List.copyOf(Objects.requireNonNull(redirectUris, "redirectUris == null"));
        scopes = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes == null")));
        name = name == null || name.isBlank() ? clientId : name;
        if (authMethods.isEmpty() || !KNOWN_METHODS.containsAll(authMethods)) {
            throw new IllegalArgumentException("client " + clientId + ": auth methods must be a non-empty subset of "
                    + KNOWN_METHODS + ", got " + authMethods);
        }
        if (authMethods.contains(NONE) && authMethods.size() > 1) {
            throw new IllegalArgumentException("client " + clientId + ": 'none' cannot be combined with other methods");
        }
        boolean isPublic = authMethods.contains(NONE);
        if (isPublic && clientSecret != null) {
            throw new IllegalArgumentException("client " + clientId + ": a public client has no secret");
        }
        if (!isPublic && (clientSecret == null || clientSecret.isEmpty())) {
            throw new IllegalArgumentException("client " + clientId + ": a confidential client needs a secret");
        }
        if (redirectUris.isEmpty()) {
            throw new IllegalArgumentException("client " + clientId + ": at least one redirect URI is required");
        }
        for (String uri : redirectUris) {
            URI parsed = URI.create(uri);
            if (!parsed.isAbsolute() || parsed.getFragment() != null) {
                throw new IllegalArgumentException("client " + clientId + ": redirect URI must be absolute without fragment: " + uri);
            }
        }
    }

    /** A confidential client that authenticates with its secret (post or basic). */
    public static SandboxClient confidential(String clientId, String secret, List<String> redirectUris, Set<String> scopes,
                                             String name, String logoUri) {
        return new SandboxClient(clientId, secret, Set.of(CLIENT_SECRET_POST, CLIENT_SECRET_BASIC), redirectUris, scopes,
                name, logoUri);
    }

    /** A public client (token endpoint auth method {@code none}). */
    public static SandboxClient publicClient(String clientId, List<String> redirectUris, Set<String> scopes, String name,
                                             String logoUri) {
        return new SandboxClient(clientId, null, Set.of(NONE), redirectUris, scopes, name, logoUri);
    }

    public boolean isPublic() {
        return authMethods.contains(NONE);
    }

    /**
     * The clients bundled with the sandbox: {@code neon-oauth-web} (confidential), {@code neon-oauth-cli} and
     * {@code neonctl} (public).
     */
    public static List<SandboxClient> defaults() {
        try (InputStream in = SandboxClient.class.getResourceAsStream(DEFAULT_CLIENTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_CLIENTS_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads clients from a JSON file in the format described in the class comment. */
    public static List<SandboxClient> load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read clients file " + file, e);
        }
    }

    /** Parses {@code {"clients": [ ... ]}}. */
    public static List<SandboxClient> parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("clients JSON is not valid: " + e.getMessage(), e);
        }
        JsonNode array = root.path("clients");
        if (!array.isArray()) {
            throw new IllegalArgumentException("clients JSON must be an object with a 'clients' array");
        }
        List<SandboxClient> result = new ArrayList<>();
        for (JsonNode c : array) {
            Set<String> methods = new LinkedHashSet<>();
            c.path("token_endpoint_auth_methods").forEach(m -> methods.add(m.asText()));
            if (methods.isEmpty() && c.hasNonNull("token_endpoint_auth_method")) {
                methods.add(c.get("token_endpoint_auth_method").asText());
            }
            List<String> redirects = new ArrayList<>();
            c.path("redirect_uris").forEach(r -> redirects.add(r.asText()));
            Set<String> scopes = new LinkedHashSet<>(Arrays.asList(c.path("scope").asText("").trim().split("\\s+")));
            scopes.remove("");
            result.add(new SandboxClient(c.path("client_id").asText(null),
                    c.hasNonNull("client_secret") ? c.get("client_secret").asText() : null,
                    methods, redirects, scopes, c.path("client_name").asText(null), c.path("logo_uri").asText(null)));
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("clients JSON registers no client");
        }
        return List.copyOf(result);
    }

    @Override
    public String toString() {
        return "SandboxClient[clientId=" + clientId + ", secret=" + (clientSecret == null ? "none" : "[redacted]")
                + ", authMethods=" + authMethods + ", redirectUris=" + redirectUris + ", scopes=" + scopes + ", name=" + name + "]";
    }
}
