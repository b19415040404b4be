package dev.neonoauth.app.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
 *   <li>A slow or half-sent request never delays a complete one: {@link LoopbackHttpServer} reads every
 *       connection's head at once and closes a connection whose head is not complete within a few seconds.
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

    private final Function<String, Reply<T>> handler;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private LoopbackHttpServer server;

    private LoopbackCallbackReceiver(Function<String, Reply<T>> handler) {
        this.handler = handler;
    }

    /**
     * Binds {@code 127.0.0.1:port} (0 for an ephemeral port) and starts listening.
     *
     * @param handler receives the raw query string of each {@code GET /callback}
     * @throws CliException when the port cannot be bound
     */
    static <T> LoopbackCallbackReceiver<T> start(int port, Function<String, Reply<T>> handler) {
        return start(port, LoopbackHttpServer.DEFAULT_HEAD_TIMEOUT, handler);
    }

    /** {@link #start(int, Function)} with another time limit for a request's head (tests). */
    static <T> LoopbackCallbackReceiver<T> start(int port, Duration headTimeout, Function<String, Reply<T>> handler) {
        Objects.requireNonNull(handler, "handler == null");
        if (port < 0 || port > 65535) {
            throw CliException.usage("--port must be between 1 and 65535");
        }
        LoopbackCallbackReceiver<T> receiver = new LoopbackCallbackReceiver<>(handler);
        try {
            receiver.server = LoopbackHttpServer.start(port, headTimeout, receiver::handle);
        } catch (BindException e) {
            throw CliException.error("cannot listen on 127.0.0.1:" + port + " (" + FailureText.describe(e)
                    + "); choose another port with --port, or leave it out for a free one");
        } catch (IOException e) {
            throw CliException.error("cannot start the login listener on 127.0.0.1:" + port + ": "
                    + FailureText.describe(e));
        }
        return receiver;
    }

    int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT/callback}, the redirect URI of this login. */
    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + port() + CALLBACK_PATH);
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
        server.close();
    }

    private void handle(HttpRequestHead request, LoopbackHttpServer.Responder responder) throws IOException {
        try {
            int port = port();
            String host = request.host().orElse("");
            if (!host.equals("127.0.0.1:" + port) && !host.equals("localhost:" + port)) {
                respond(responder, 400, Map.of(), CallbackPages.error("Bad request",
                        "This address only answers requests for 127.0.0.1:" + port + "."));
                return;
            }
            if (!CALLBACK_PATH.equals(request.rawPath())) {
                respond(responder, 404, Map.of(), CallbackPages.error("Not found", "There is nothing here."));
                return;
            }
            if (!"GET".equals(request.method())) {
                respond(responder, 405, Map.of("Allow", "GET"),
                        CallbackPages.error("Method not allowed", "Only GET is accepted here."));
                return;
            }
            if (outcome.isDone()) {
                respond(responder, 410, Map.of(), CallbackPages.error("This login is over",
                        "The command line already finished this login. You can close this tab."));
                return;
            }
            Reply<T> reply = handler.apply(request.rawQuery());
            try {
                respond(responder, reply.status(), Map.of(), reply.html());
            } finally {
                // The page goes first (closing the listener must not cut it off), but a browser that hung up must not
                // lose the outcome: the code was already exchanged and the grant stored (docs/reliability.md).
                reply.outcome().ifPresent(outcome::complete);
            }
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    private static void respond(LoopbackHttpServer.Responder responder, int status, Map<String, String> extra,
            String html) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        headers.putAll(extra);
        responder.send(status, headers, html.getBytes(StandardCharsets.UTF_8));
    }
}
