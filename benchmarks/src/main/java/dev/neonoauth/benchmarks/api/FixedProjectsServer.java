package dev.neonoauth.benchmarks.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A deliberately cheap loopback server for the API-call comparison: every request gets the same, pre-encoded
 * {@code 200 application/json} body (a real {@code GET /api/v2/projects} answer captured from the sandbox), whatever
 * its path or headers. It checks nothing, so the server's own cost is small and identical for both arms; the
 * difference between the arms is client-side cost only.
 */
public final class FixedProjectsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    private volatile byte[] body = "{\"projects\":[],\"pagination\":{}}".getBytes(StandardCharsets.UTF_8);

    private FixedProjectsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free port of 127.0.0.1, with one handler thread (the benchmarks call from one thread). */
    public static FixedProjectsServer start() {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK and
        // every call takes about 40 ms (Nagle); that would measure the kernel, not the client.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fixed-projects-server");
                t.setDaemon(true);
                return t;
            });
            FixedProjectsServer fixed = new FixedProjectsServer(server, executor);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    fixed.requests.incrementAndGet();
                    byte[] b = fixed.body;
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, b.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(b);
                    }
                }
            });
            server.setExecutor(executor);
            server.start();
            return fixed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the body every request gets. */
    public void body(String json) {
        this.body = json.getBytes(StandardCharsets.UTF_8);
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    public int bodyBytes() {
        return body.length;
    }

    /** {@code http://127.0.0.1:PORT/api/v2}, shaped like the sandbox's API base URL. */
    public URI apiBaseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
