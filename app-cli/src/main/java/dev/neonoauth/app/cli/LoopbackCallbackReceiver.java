package dev.neonoauth.app.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The RFC 8252 loopback redirect receiver: an HTTP listener on {@code 127.0.0.1} only (never a wildcard address),
 * on an ephemeral port or a fixed one ({@code --port}, for {@code ssh -L}), serving exactly {@code GET /callback}.
 *
 * <ul>
 *   <li>Any other path gets 404 and any other method 405; a request whose {@code Host} is not this loopback address
 *       gets 400 (DNS rebinding). The listener keeps waiting after each of these.
 *   <li>A callback is handed to the handler, which answers with a page and says whether the login is over. A
 *       callback that is not for this login (an unknown state) gets 400 and the listener keeps waiting.
 *   <li>Callbacks are handled one at a time; after the first that ends the login, nothing else is handled, and the
 *       listener is closed by {@link #close()} (after the outcome, or on timeout).
 *   <li>No CORS headers, {@code Referrer-Policy: no-referrer}, {@code Cache-Control: no-store} and a strict CSP on
 *       every answer.
 * </ul>
 *
 * @param <T> the outcome of a finished login
 */
final class LoopbackCallbackReceiver<T> implements AutoCloseable {
    static final String CALLBACK_PATH = "/callback";

    /** The handler's answer to one callback. */
    record Reply<T>(int status, String html, Optional<T> outcome) {
        static <T> Reply<T> waiting(int status, String html) {
            return new Reply<>(status, html, Optional.empty());
        }

        static <T> Reply<T> finished(int status, String html, T outcome) {
            return new Reply<>(status, html, Optional.of(outcome));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;
    private final Function<String, Reply<T>> handler;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();

    private LoopbackCallbackReceiver(HttpServer server, ExecutorService executor, Function<String, Reply<T>> handler) {
        this.server = server;
        this.executor = executor;
        this.port = server.getAddress().getPort();
        this.handler = handler;
    }

    /**
     * Binds {@code 127.0.0.1:port} (0 for an ephemeral port) and starts listening.
     *
     * @param handler receives the raw query string of each {@code GET /callback}
     * @throws CliException when the port cannot be bound
     */
    static <T> LoopbackCallbackReceiver<T> start(int port, Function<String, Reply<T>> handler) {
        Objects.requireNonNull(handler, "handler == null");
        if (port < 0 || port > 65535) {
            throw CliException.usage("--port must be between 1 and 65535");
        }
        HttpServer server;
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            server = HttpServer.create(new InetSocketAddress(loopback, port), 8);
        } catch (BindException e) {
            throw CliException.error("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); choose another port with --port, or leave it out for a free one");
        } catch (IOException e) {
            throw CliException.error("cannot start the login listener on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "neon-oauth-loopback");
            t.setDaemon(true);
            return t;
        });
        LoopbackCallbackReceiver<T> receiver = new LoopbackCallbackReceiver<>(server, executor, handler);
        server.createContext("/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT/callback}, the redirect URI of this login. */
    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + port + CALLBACK_PATH);
    }

    /** Waits for the login to finish; empty when {@code timeout} passed first. */
    Optional<T> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the callback handler failed", e.getCause());
        }
    }

    /** Stops listening and closes every connection. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
            if (!host.equals("127.0.0.1:" + port) && !host.equals("localhost:" + port)) {
                respond(exchange, 400, CallbackPages.error("Bad request",
                        "This address only answers requests for 127.0.0.1:" + port + "."));
                return;
            }
            if (!CALLBACK_PATH.equals(exchange.getRequestURI().getRawPath())) {
                respond(exchange, 404, CallbackPages.error("Not found", "There is nothing here."));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, CallbackPages.error("Method not allowed", "Only GET is accepted here."));
                return;
            }
            if (outcome.isDone()) {
                respond(exchange, 410, CallbackPages.error("This login is over",
                        "The command line already finished this login. You can close this tab."));
                return;
            }
            Reply<T> reply = handler.apply(exchange.getRequestURI().getRawQuery());
            try {
                respond(exchange, reply.status(), reply.html());
            } finally {
                // The page goes first (closing the listener must not cut it off), but a browser that hung up must not
                // lose the outcome: the code was already exchanged and the grant stored (docs/reliability.md).
                reply.outcome().ifPresent(outcome::complete);
            }
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        headers.set("Connection", "close");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
