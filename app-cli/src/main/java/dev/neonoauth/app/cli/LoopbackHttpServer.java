package dev.neonoauth.app.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.1 listener on {@code 127.0.0.1}, built for the login's loopback redirect so that a slow or
 * half-sent request can never delay a complete one (the JDK's {@code HttpServer} reads a request's head on the
 * thread that then handles it, with no time limit unless set for the whole JVM).
 *
 * <ul>
 *   <li>One thread reads the request heads of every connection at once (non-blocking, with a selector). A
 *       connection must deliver its whole head (request line and headers, at most {@value #MAX_HEAD_BYTES} bytes)
 *       within the head timeout from its accept, else it is closed. At most {@value #MAX_PENDING} connections wait
 *       for their heads; a new one closes the one that has waited longest.
 *   <li>Each complete head is answered on another thread, one request at a time, by the {@link Handler}; a head that
 *       is not HTTP gets 400, one too large 431. Request bodies are never read. Every answer closes the connection.
 * </ul>
 */
final class LoopbackHttpServer implements AutoCloseable {
    /** How long a connection has, from its accept, to send its request line and headers. */
    static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_HEAD_BYTES = 8192;
    static final int MAX_PENDING = 64;

    /** Sends the answer to a request; once. */
    @FunctionalInterface
    interface Responder {
        void send(int status, Map<String, String> headers, byte[] body) throws IOException;
    }

    /** Answers requests; called on the answering thread, one request at a time. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpRequestHead request, Responder responder) throws IOException;
    }

    /** A connection still sending its head. */
    private static final class Pending {
        final SocketChannel channel;
        final long deadlineNanos;
        final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD_BYTES);
        SelectionKey key;

        Pending(SocketChannel channel, long deadlineNanos) {
            this.channel = channel;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Handler handler;
    private final long headTimeoutNanos;
    private final int port;
    private final Set<Pending> pending = new LinkedHashSet<>();
    private final ExecutorService answering = Executors.newSingleThreadExecutor(r -> daemon(r, "neon-oauth-loopback"));
    private final Thread reading;
    private volatile boolean open = true;

    private LoopbackHttpServer(ServerSocketChannel server, Selector selector, Handler handler, Duration headTimeout)
            throws IOException {
        this.server = server;
        this.selector = selector;
        this.handler = handler;
        this.headTimeoutNanos = headTimeout.toNanos();
        this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        this.reading = daemon(this::readHeads, "neon-oauth-loopback-accept");
    }

    /**
     * Binds {@code 127.0.0.1:port} (0 for an ephemeral port) and starts listening.
     *
     * @throws java.net.BindException when the port is taken
     */
    static LoopbackHttpServer start(int port, Duration headTimeout, Handler handler) throws IOException {
        Objects.requireNonNull(handler, "handler == null");
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = null;
        try {
            server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 50);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            LoopbackHttpServer listener = new LoopbackHttpServer(server, selector, handler, headTimeout);
            listener.reading.start();
            return listener;
        } catch (IOException | RuntimeException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Stops listening (new connections are refused when this returns) and closes every connection. Idempotent. */
    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            reading.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answering.shutdownNow();
        try {
            answering.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reading thread: accepts connections, reads heads, drops the late ones, hands complete ones on. */
    private void readHeads() {
        try {
            while (open) {
                selector.select(Math.max(1, millisToFirstDeadline()));
                List<Answer> complete = new ArrayList<>();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read((Pending) key.attachment(), complete);
                    }
                }
                dropLate();
                if (!complete.isEmpty()) {
                    selector.selectNow(); // deregisters the cancelled keys: their channels may turn blocking now
                    complete.forEach(this::submit);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the selector failed: stop listening
        } finally {
            pending.forEach(p -> closeQuietly(p.channel));
            pending.clear();
            closeQuietly(selector);
            closeQuietly(server);
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            if (pending.size() >= MAX_PENDING) {
                drop(pending.iterator().next());
            }
            channel.configureBlocking(false);
            Pending p = new Pending(channel, System.nanoTime() + headTimeoutNanos);
            p.key = channel.register(selector, SelectionKey.OP_READ, p);
            pending.add(p);
        }
    }

    /** A complete head, to be answered: the request, or the status a malformed one gets. */
    private record Answer(SocketChannel channel, Optional<HttpRequestHead> request, int statusIfMalformed) {}

    private void submit(Answer a) {
        try {
            answering.execute(() -> answer(a));
        } catch (RejectedExecutionException closing) {
            closeQuietly(a.channel());
        }
    }

    private void read(Pending p, List<Answer> complete) {
        int n;
        try {
            n = p.channel.read(p.head);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            drop(p);
            return;
        }
        int end = HttpRequestHead.end(p.head);
        if (end < 0 && p.head.hasRemaining()) {
            return; // more to come
        }
        p.key.cancel();
        pending.remove(p);
        Optional<HttpRequestHead> request = end < 0 ? Optional.empty()
                : HttpRequestHead.parse(new String(p.head.array(), 0, end, StandardCharsets.ISO_8859_1));
        complete.add(new Answer(p.channel, request, end < 0 ? 431 : 400));
    }

    private void answer(Answer a) {
        try (SocketChannel channel = a.channel()) {
            channel.configureBlocking(true);
            Responder responder = (status, headers, body) -> write(channel, status, headers, body);
            if (a.request().isPresent()) {
                handler.handle(a.request().get(), responder);
            } else {
                responder.send(a.statusIfMalformed(), Map.of("Content-Type", "text/plain; charset=utf-8"),
                        (a.statusIfMalformed() == 431 ? "Request header too large" : "Bad request")
                                .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or the handler failed: the connection is closed either way
        }
    }

    private static void write(SocketChannel channel, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteBuffer[] buffers = {ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1)),
                ByteBuffer.wrap(body)};
        while (buffers[0].hasRemaining() || buffers[1].hasRemaining()) {
            channel.write(buffers);
        }
        channel.shutdownOutput();
    }

    /** Closes the connections whose head is late; the oldest come first. */
    private void dropLate() {
        long now = System.nanoTime();
        Iterator<Pending> it = pending.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.deadlineNanos < 0) {
                return;
            }
            it.remove();
            p.key.cancel();
            closeQuietly(p.channel);
        }
    }

    private long millisToFirstDeadline() {
        if (pending.isEmpty()) {
            return 1000;
        }
        long nanos = pending.iterator().next().deadlineNanos - System.nanoTime();
        return Math.min(1000, TimeUnit.NANOSECONDS.toMillis(nanos) + 1);
    }

    private void drop(Pending p) {
        pending.remove(p);
        p.key.cancel();
        closeQuietly(p.channel);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 410 -> "Gone";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            default -> "Status " + status;
        };
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
