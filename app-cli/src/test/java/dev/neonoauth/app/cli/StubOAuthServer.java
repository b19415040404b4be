package dev.neonoauth.app.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OAuth server that misbehaves on purpose, on 127.0.0.1: its discovery document can name another issuer or be
 * unusable, and its revocation endpoint answers whatever status it is told. Everything else is 404.
 */
final class StubOAuthServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String issuer;
    private volatile String metadata;
    private volatile int revocationStatus = 200;
    private volatile String revocationBody = "";

    StubOAuthServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        issuer = baseUri().toString();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash: the issuer it names unless told otherwise. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The discovery document names this issuer instead of its own. */
    StubOAuthServer issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    /** The discovery document is exactly this text. */
    StubOAuthServer metadata(String body) {
        this.metadata = body;
        return this;
    }

    /** The revocation endpoint answers this status and JSON body. */
    StubOAuthServer revocation(int status, String body) {
        this.revocationStatus = status;
        this.revocationBody = body;
        return this;
    }

    /** {@code METHOD path} of every request so far. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            exchange.getRequestBody().readAllBytes();
            if (path.equals("/.well-known/openid-configuration")) {
                respond(exchange, 200, metadata != null ? metadata : discoveryDocument());
            } else if (path.equals("/oauth2/revoke")) {
                respond(exchange, revocationStatus, revocationBody);
            } else {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            }
        }
    }

    private String discoveryDocument() {
        String base = baseUri().toString();
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + base + "/oauth2/auth\","
                + "\"token_endpoint\":\"" + base + "/oauth2/token\",\"revocation_endpoint\":\"" + base
                + "/oauth2/revoke\",\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"none\",\"client_secret_post\"]}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
