package dev.neonoauth.benchmarks.reliability;

import dev.neonoauth.app.web.Main;
import dev.neonoauth.app.web.RunningApp;
import dev.neonoauth.app.web.WebConfig;
import dev.neonoauth.sandbox.NeonSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * app-web started through its public {@code Main.start(WebConfig)} as in production (not embedded): the Neon adapter
 * pointed at a {@link NeonSandbox} through {@code NEON_OAUTH_HOST}/{@code NEON_API_HOST}, the confidential client
 * {@code neon-oauth-web}, storage-jdbc on the given JDBC URL.
 */
final class WebInstance {
    private WebInstance() {}

    static RunningApp start(NeonSandbox sandbox, String jdbcUrl, String keysetJson) {
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("NEON_CLIENT_ID", Stack.CLIENT_ID);
        env.put("NEON_CLIENT_SECRET", SecretsWatch.CLIENT_SECRET);
        env.put("NEON_REDIRECT_URI", "http://127.0.0.1:" + port + "/api/oauth/callback");
        env.put("NEON_OAUTH_HOST", sandbox.baseUri().toString());
        env.put("NEON_API_HOST", sandbox.apiBaseUri().toString());
        env.put("NEON_OAUTH_JDBC_URL", jdbcUrl);
        env.put("NEON_OAUTH_KEYSET", keysetJson);
        env.put("NEON_OAUTH_SHUTDOWN_GRACE_SECONDS", "1");
        return Main.start(WebConfig.fromEnvironment(env));
    }

    static String h2Url(java.nio.file.Path dir, String name) {
        return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    /** Connect Neon in {@code browser}: the start form, the sandbox (headless approval), the callback. */
    static HttpResponse<String> connect(WebBrowser browser) {
        URI authorize = start(browser);
        URI back = Stack.follow(authorize);
        return browser.get(back.getRawPath() + "?" + back.getRawQuery());
    }

    /** Posts the "Connect Neon" form and returns the authorization URL it redirects to. */
    static URI start(WebBrowser browser) {
        String csrf = browser.csrf("/");
        HttpResponse<String> start = browser.post("/api/oauth/start", Map.of("csrf", csrf));
        if (start.statusCode() != 303) {
            throw new AssertionError("start answered " + start.statusCode() + ": " + start.body());
        }
        return WebBrowser.location(start);
    }

    /** Row counts of the grant and pending-authorization tables, read with plain JDBC. */
    static long[] rows(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            return new long[] {count(s, "neon_oauth_grant"), count(s, "neon_oauth_pending_authorization")};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
