package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The loopback listener on its own: what it binds, what it answers, and that it finishes once. */
class LoopbackCallbackReceiverTest {

    @Test
    void listensOnTheIpv4LoopbackOnlyAndAnswersOnlyGetCallback() throws Exception {
        try (LoopbackCallbackReceiver<String> receiver = LoopbackCallbackReceiver.start(0,
                query -> LoopbackCallbackReceiver.Reply.finished(200, "<p>ok</p>", query))) {
            int port = receiver.port();
            assertThat(receiver.redirectUri()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/callback"));
            // not reachable on another local address
            InetAddress other = InetAddress.getByName("127.0.0.2");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(other, port), 500);
                throw new AssertionError("reachable on 127.0.0.2");
            } catch (java.io.IOException expected) {
                // refused
            }
            assertThat(status(URI.create("http://127.0.0.1:" + port + "/callbackx?code=1"), "GET")).isEqualTo(404);
            assertThat(status(URI.create("http://127.0.0.1:" + port + "/"), "GET")).isEqualTo(404);
            assertThat(status(URI.create("http://127.0.0.1:" + port + "/callback?code=1"), "POST")).isEqualTo(405);
            assertThat(rawStatus(port, "evil.example:" + port)).isEqualTo(400);
            HttpResponse<String> ok = TestBrowser.HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/callback?code=1&state=s")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(ok.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(ok.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(receiver.await(Duration.ofSeconds(5))).contains("code=1&state=s");
            // only one callback ends the login
            assertThat(status(URI.create("http://127.0.0.1:" + port + "/callback?code=2&state=s"), "GET"))
                    .isEqualTo(410);
        }
    }

    @Test
    void aBrowserThatHangsUpBeforeThePageStillEndsTheLogin() throws Exception {
        // A big page and a client that resets the connection right after sending: writing the page fails with an
        // IOException in most runs. The outcome must be recorded anyway (the code was already exchanged).
        String bigPage = "<p>" + "x".repeat(4_000_000) + "</p>";
        for (int round = 0; round < 5; round++) {
            try (LoopbackCallbackReceiver<String> receiver = LoopbackCallbackReceiver.start(0,
                    query -> LoopbackCallbackReceiver.Reply.finished(200, bigPage, query))) {
                int port = receiver.port();
                try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                    socket.setSoLinger(true, 0);
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /callback?code=c" + round + "&state=s HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(50);
                }
                assertThat(receiver.await(Duration.ofSeconds(5))).as("round " + round).contains("code=c" + round + "&state=s");
            }
        }
    }

    @Test
    void keepsWaitingAfterAReplyThatDoesNotFinish() throws Exception {
        try (LoopbackCallbackReceiver<String> receiver = LoopbackCallbackReceiver.start(0,
                query -> query.contains("good")
                        ? LoopbackCallbackReceiver.Reply.finished(200, "ok", "done")
                        : LoopbackCallbackReceiver.Reply.waiting(400, "not this one"))) {
            URI base = receiver.redirectUri();
            assertThat(status(URI.create(base + "?state=bad"), "GET")).isEqualTo(400);
            assertThat(receiver.await(Duration.ofMillis(200))).isEmpty();
            assertThat(status(URI.create(base + "?state=good"), "GET")).isEqualTo(200);
            assertThat(receiver.await(Duration.ofSeconds(5))).isEqualTo(Optional.of("done"));
        }
    }

    @Test
    void aHalfSentRequestDoesNotDelayTheRealCallback() throws Exception {
        try (LoopbackCallbackReceiver<String> receiver = LoopbackCallbackReceiver.start(0,
                query -> LoopbackCallbackReceiver.Reply.finished(200, "<p>ok</p>", query));
                Socket stalled = new Socket(InetAddress.getByName("127.0.0.1"), receiver.port())) {
            stalled.getOutputStream().write("GET /call".getBytes(StandardCharsets.US_ASCII)); // 9 bytes, then nothing
            stalled.getOutputStream().flush();
            Thread.sleep(200);
            assertRealCallbackIsPrompt(receiver);
        }
    }

    @Test
    void manyStalledConnectionsDoNotDelayTheRealCallback() throws Exception {
        try (LoopbackCallbackReceiver<String> receiver = LoopbackCallbackReceiver.start(0,
                query -> LoopbackCallbackReceiver.Reply.finished(200, "<p>ok</p>", query))) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 3 * LoopbackHttpServer.MAX_PENDING; i++) {
                    Socket s = new Socket(InetAddress.getByName("127.0.0.1"), receiver.port());
                    stalled.add(s);
                    s.getOutputStream().write("GET /c".getBytes(StandardCharsets.US_ASCII));
                }
                assertRealCallbackIsPrompt(receiver);
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aConnectionThatDoesNotCompleteItsHeadInTimeIsClosed() throws Exception {
        try (LoopbackCallbackReceiver<String> receiver = LoopbackCallbackReceiver.start(0, Duration.ofMillis(300),
                query -> LoopbackCallbackReceiver.Reply.finished(200, "<p>ok</p>", query));
                Socket slow = new Socket(InetAddress.getByName("127.0.0.1"), receiver.port())) {
            slow.setSoTimeout(5000);
            long start = System.nanoTime();
            Thread dribble = new Thread(() -> {
                try {
                    for (byte b : "GET /callback?code=c&state=s HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)) {
                        slow.getOutputStream().write(b); // one byte every 50 ms: never a whole head in 300 ms
                        Thread.sleep(50);
                    }
                } catch (Exception closed) {
                    // the listener hung up, as it should
                }
            });
            dribble.start();
            int read;
            try {
                read = slow.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            dribble.interrupt();
            assertThat(read).as("closed without an answer").isEqualTo(-1);
            assertThat(millis).isBetween(250L, 3000L);
            assertThat(receiver.await(Duration.ofMillis(100))).isEmpty();
        }
    }

    @Test
    void anOversizedOrMalformedHeadGetsAnErrorAndTheListenerKeepsWaiting() throws Exception {
        try (LoopbackCallbackReceiver<String> receiver = LoopbackCallbackReceiver.start(0,
                query -> LoopbackCallbackReceiver.Reply.finished(200, "<p>ok</p>", query))) {
            String start = "GET /callback?code=";
            String huge = start + "x".repeat(LoopbackHttpServer.MAX_HEAD_BYTES - start.length()); // no end in sight
            assertThat(rawRequestStatus(receiver.port(), huge)).isEqualTo(431);
            assertThat(rawRequestStatus(receiver.port(), "HELLO\r\n\r\n")).isEqualTo(400);
            assertThat(rawRequestStatus(receiver.port(), "GET /callback HTTP/1.1\r\n bad-fold\r\n\r\n")).isEqualTo(400);
            assertRealCallbackIsPrompt(receiver);
        }
    }

    /** The real callback is answered at once, and ends the login. */
    private static void assertRealCallbackIsPrompt(LoopbackCallbackReceiver<String> receiver) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> real = TestBrowser.HTTP.send(HttpRequest.newBuilder(
                        URI.create(receiver.redirectUri() + "?code=c&state=s")).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(real.statusCode()).isEqualTo(200);
        assertThat(millis).as("answered promptly").isLessThan(1500);
        assertThat(receiver.await(Duration.ofSeconds(1))).contains("code=c&state=s");
    }

    private static int rawRequestStatus(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String statusLine = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void closingStopsListening() throws Exception {
        LoopbackCallbackReceiver<String> receiver = LoopbackCallbackReceiver.start(0,
                query -> LoopbackCallbackReceiver.Reply.waiting(400, "no"));
        URI uri = receiver.redirectUri();
        receiver.close();
        assertThat(CliEndToEndTest.refused(uri)).isTrue();
    }

    private static int status(URI uri, String method) throws Exception {
        return TestBrowser.HTTP.send(HttpRequest.newBuilder(uri)
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A request with a forged Host header, as a DNS-rebinding page would send. */
    private static int rawStatus(int port, String host) throws Exception {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /callback?code=1&state=s HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
