package dev.neonoauth.benchmarks.api;

import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.jdbc.KeyRotation;
import dev.neonoauth.adapter.neon.NeonApiConfig;
import dev.neonoauth.benchmarks.wiring.Main;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.service.AccessTokenService;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Shared set-up of the API-call benchmarks: an in-process sandbox with headless approval, the framework's production
 * graph (storage on H2 in a temporary directory, or PostgreSQL), one real login through {@code AuthorizationFlow}
 * (so the token in the store was written, encrypted, by the framework itself), and the plain access token for the
 * baseline arm.
 */
public final class ApiFixture implements AutoCloseable {
    public static final AccountKey ACCOUNT = AccountKey.of("bench-user");
    static final URI CALLBACK = URI.create("http://127.0.0.1:3000/api/oauth/callback");
    /** PostgreSQL for the "postgresql" variants: {@code NEON_OAUTH_TEST_JDBC_URL}, else the local test database. */
    public static final String POSTGRES_URL = System.getenv().getOrDefault("NEON_OAUTH_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    public final NeonSandbox sandbox;
    public final Main.Stack stack;
    public final String accessToken;
    private final Path dataDir;
    private final String schema;

    private ApiFixture(NeonSandbox sandbox, Main.Stack stack, String accessToken, Path dataDir, String schema) {
        this.sandbox = sandbox;
        this.stack = stack;
        this.accessToken = accessToken;
        this.dataDir = dataDir;
        this.schema = schema;
    }

    /** The sandbox's web client, as app-web registers it. */
    public static ClientRegistration webClient() {
        return ClientRegistration.builder()
                .clientId("neon-oauth-web")
                .clientSecret(new ClientSecret("sandbox-web-secret"))
                .addRedirectUris(CALLBACK)
                .build();
    }

    /**
     * @param apiBaseUri where the framework's Neon adapter sends API calls (the sandbox's, or a {@link FixedProjectsServer})
     * @param database {@code h2} (embedded default in a temporary directory) or {@code postgresql} (own schema)
     */
    public static ApiFixture start(NeonSandbox sandbox, URI apiBaseUri, String database) {
        return start(sandbox, apiBaseUri, database, AccessTokenService.DEFAULT_CACHE_MAX_AGE);
    }

    /** The same, with the token service's in-memory reuse set to {@code tokenCacheMaxAge} (zero: every call reads the store). */
    public static ApiFixture start(NeonSandbox sandbox, URI apiBaseUri, String database, Duration tokenCacheMaxAge) {
        Path dir;
        try {
            dir = Files.createTempDirectory("neon-oauth-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String schema = "bench_" + Long.toHexString(System.nanoTime());
        JdbcStorageConfig storage = switch (database) {
            case "h2" -> JdbcStorageConfig.builder().dataDirectory(dir).build();
            case "postgresql" -> JdbcStorageConfig.builder().jdbcUrl(POSTGRES_URL).schema(schema)
                    .keysetJson(KeyRotation.newKeyset()).build();
            default -> throw new IllegalArgumentException("database must be h2 or postgresql: " + database);
        };
        NeonApiConfig neon = NeonApiConfig.builder().issuer(sandbox.issuer()).apiBaseUrl(apiBaseUri).build();
        Main.Stack stack = Main.stack(webClient(), neon, storage, tokenCacheMaxAge);
        try {
            login(stack, sandbox);
            AccessTokenResult token = stack.tokens().currentToken(ACCOUNT);
            if (!(token instanceof AccessTokenResult.Available available)) {
                throw new IllegalStateException("no token after login: " + token);
            }
            return new ApiFixture(sandbox, stack, available.token().value(), dir,
                    database.equals("postgresql") ? schema : null);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public static NeonSandbox headlessSandbox() {
        return NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start();
    }

    /** begin, the sandbox's headless redirect (not followed), complete: the framework saves the tokens. */
    static void login(Main.Stack stack, NeonSandbox sandbox) {
        AuthorizationRedirect redirect = stack.flow().begin(BeginAuthorization.of(ACCOUNT, NeonScopes.DEFAULT, CALLBACK));
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(redirect.authorizationUri()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            URI location = URI.create(r.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("sandbox answered " + r.statusCode() + ": " + r.body())));
            CallbackResult result = stack.flow().complete(AuthorizationCallback.fromQuery(location.getRawQuery()));
            if (!(result instanceof CallbackResult.Authorized)) {
                throw new IllegalStateException("login failed: " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stack.close();
        if (schema != null) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(POSTGRES_URL);
                    java.sql.Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (java.sql.SQLException ignored) {
                // a leftover benchmark schema is harmless
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
