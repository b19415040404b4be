package dev.neonoauth.examples.reuse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Receives the authorization response on the loopback interface (RFC 8252 section 7.3): a one-shot HTTP server on
 * {@code 127.0.0.1} that hands the raw query of the first request to its path to the caller, who passes it to the
 * core unparsed. The page it answers echoes nothing from the request.
 */
final class LoopbackReceiver implements AutoCloseable {
    private static final byte[] PAGE = ("<!doctype html><meta charset=utf-8><title>Signed in</title>"
            + "<p>The application received the authorization response. You can close this tab.")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final URI redirectUri;
    private final CompletableFuture<String> query = new CompletableFuture<>();

    private LoopbackReceiver(HttpServer server, URI redirectUri) {
        this.server = server;
        this.redirectUri = redirectUri;
    }

    /**
     * Listens on the host and path of {@code registered}, on its port, or on a free port when it names none.
     *
     * @throws IllegalArgumentException when {@code registered} is not an http URI on a loopback IP literal
     * @throws IOException when the port cannot be bound
     */
    static LoopbackReceiver start(URI registered) throws IOException {
        String host = registered.getHost();
        if (!"http".equals(registered.getScheme()) || !("127.0.0.1".equals(host) || "[::1]".equals(host))) {
            throw new IllegalArgumentException("the redirect URI must be http://127.0.0.1[:port]/path or http://[::1][:port]/path "
                    + "(RFC 8252 section 7.3 and 8.3): " + registered);
        }
        String path = Optional.ofNullable(registered.getRawPath()).filter(p -> !p.isEmpty()).orElse("/");
        InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
        HttpServer server = HttpServer.create(new InetSocketAddress(address, Math.max(registered.getPort(), 0)), 0);
        URI actual = URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
        LoopbackReceiver receiver = new LoopbackReceiver(server, actual);
        server.createContext(path, receiver::handle);
        server.start();
        return receiver;
    }

    /** The redirect URI to send in the authorization request, with the port actually bound. */
    URI redirectUri() {
        return redirectUri;
    }

    /** Waits for the redirect and returns its raw query ({@code ""} when it had none). */
    String awaitQuery(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return query.get(Math.max(timeout.toMillis(), 0), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the loopback receiver failed", e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getRawPath().equals(redirectUri.getRawPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String raw = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            try {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
                exchange.sendResponseHeaders(200, PAGE.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(PAGE);
                }
            } finally {
                // after the page is sent: the caller may close this server as soon as it has the query
                query.complete(raw);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
