package dev.neonoauth.examples.reuse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Receives the authorization response on the loopback interface (RFC 8252 section 7.3): a small JDK HTTP server on
 * {@code 127.0.0.1} or {@code [::1]} that hands the raw query of the first GET of the redirect path to the caller, who
 * passes it to the core unparsed. The page it answers echoes nothing from the request.
 *
 * <p>Requests are handled on a few worker threads, so a connection that sends nothing or half a request does not hold
 * up the browser's redirect, and the JDK server closes a connection whose request has not arrived within
 * {@value #MAX_REQUEST_SECONDS} seconds: {@code sun.net.httpserver.maxReqTime}, set here unless the application set
 * it. The JDK reads that property once, when the process creates its first {@code HttpServer}.
 */
public final class LoopbackReceiver implements AutoCloseable {
    static final String MAX_REQUEST_TIME_PROPERTY = "sun.net.httpserver.maxReqTime";
    static final int MAX_REQUEST_SECONDS = 10;
    private static final int WORKERS = 4;
    private static final byte[] PAGE = ("<!doctype html><meta charset=utf-8><title>Signed in</title>"
            + "<p>The application received the authorization response. You can close this tab.")
            .getBytes(StandardCharsets.UTF_8);

    static {
        if (System.getProperty(MAX_REQUEST_TIME_PROPERTY) == null) {
            System.setProperty(MAX_REQUEST_TIME_PROPERTY, Integer.toString(MAX_REQUEST_SECONDS));
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final URI redirectUri;
    private final CompletableFuture<String> query = new CompletableFuture<>();

    private LoopbackReceiver(HttpServer server, ExecutorService workers, URI redirectUri) {
        this.server = server;
        this.workers = workers;
        this.redirectUri = redirectUri;
    }

    /**
     * Listens on the host, port and path of {@code registered}; on a free port when it names none.
     *
     * @throws IllegalArgumentException when {@code registered} is not a loopback redirect URI ({@link #requireLoopback})
     * @throws IOException when the port cannot be bound
     */
    public static LoopbackReceiver start(URI registered) throws IOException {
        requireLoopback(registered.toString());
        String host = registered.getHost();
        InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
        HttpServer server = HttpServer.create(new InetSocketAddress(address, Math.max(registered.getPort(), 0)), 0);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, task -> {
            Thread thread = new Thread(task, "loopback-receiver");
            thread.setDaemon(true);
            return thread;
        });
        URI actual = URI.create("http://" + host + ":" + server.getAddress().getPort() + registered.getRawPath());
        LoopbackReceiver receiver = new LoopbackReceiver(server, workers, actual);
        server.createContext(registered.getRawPath(), receiver::handle);
        server.setExecutor(workers);
        server.start();
        return receiver;
    }

    /**
     * Parses a redirect URI this receiver can serve.
     *
     * @throws IllegalArgumentException unless it is {@code http://127.0.0.1[:port]/path} or {@code http://[::1][:port]/path}
     */
    public static URI requireLoopback(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + value, e);
        }
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        String path = uri.getRawPath();
        if (!"http".equals(uri.getScheme()) || !loopback || path == null || path.length() < 2
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a loopback redirect URI is http://127.0.0.1[:port]/path or "
                    + "http://[::1][:port]/path (RFC 8252 sections 7.3 and 8.3), not " + value);
        }
        return uri;
    }

    /** The redirect URI to send in the authorization request, with the port actually bound. */
    public URI redirectUri() {
        return redirectUri;
    }

    /** Waits for the redirect and returns its raw query ({@code ""} when it had none). */
    public String awaitQuery(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return query.get(Math.max(timeout.toMillis(), 0), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the loopback receiver failed", e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String raw;
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())
                    || !redirectUri.getRawPath().equals(exchange.getRequestURI().getRawPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            raw = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.sendResponseHeaders(200, PAGE.length);
            exchange.getResponseBody().write(PAGE);
        }
        // after the page is sent: the caller may close this server as soon as it has the query
        query.complete(raw);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
