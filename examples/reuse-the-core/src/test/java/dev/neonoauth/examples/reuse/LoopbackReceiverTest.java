package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The example's redirect receiver: the raw query of the redirect, nothing else, and no stalling by slow clients. */
class LoopbackReceiverTest {
    private static final URI REGISTERED = URI.create("http://127.0.0.1/callback");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void awaitQueryReturnsTheRawQueryOfTheRedirect() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(REGISTERED)) {
            assertThat(receiver.redirectUri().getPort()).isPositive();
            assertThat(receiver.redirectUri().getPath()).isEqualTo("/callback");

            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(receiver.redirectUri() + "?code=a%2Bb&state=s")));

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(page.body()).doesNotContain("a%2Bb");
            assertThat(receiver.awaitQuery(Duration.ofSeconds(5))).isEqualTo("code=a%2Bb&state=s");
        }
    }

    @Test
    void otherPathsAndMethodsAreNotTheRedirect() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(REGISTERED)) {
            String base = "http://127.0.0.1:" + receiver.redirectUri().getPort();
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/favicon.ico"))).statusCode()).isEqualTo(404);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/callback/more?code=x"))).statusCode()).isEqualTo(404);
            assertThat(send(HttpRequest.newBuilder(receiver.redirectUri()).POST(HttpRequest.BodyPublishers.ofString("code=x")))
                    .statusCode()).isEqualTo(404);

            assertThatThrownBy(() -> receiver.awaitQuery(Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void clientsThatSendHalfARequestDoNotHoldUpTheRedirectAndAreCutOff() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start(REGISTERED)) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket socket = new Socket("127.0.0.1", receiver.redirectUri().getPort());
                    OutputStream half = socket.getOutputStream();
                    half.write("GET /callback?code=stalled HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    half.flush();
                    stalled.add(socket);
                }
                Thread.sleep(200);   // let the workers pick them up

                long start = System.nanoTime();
                assertThat(send(HttpRequest.newBuilder(URI.create(receiver.redirectUri() + "?code=c&state=s"))).statusCode())
                        .isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                assertThat(receiver.awaitQuery(Duration.ofSeconds(1))).isEqualTo("code=c&state=s");

                // the server closes a request that does not arrive in time (sun.net.httpserver.maxReqTime)
                Socket first = stalled.get(0);
                first.setSoTimeout((int) Duration.ofSeconds(Long.getLong(LoopbackReceiver.MAX_REQUEST_TIME_PROPERTY, LoopbackReceiver.MAX_REQUEST_SECONDS) + 5).toMillis());
                InputStream in = first.getInputStream();
                assertThat(in.read()).as("the stalled connection was closed without an answer").isEqualTo(-1);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void startWhenTheRedirectUriIsNotALoopbackIpThenRefuses() {
        assertThatThrownBy(() -> LoopbackReceiver.start(URI.create("http://localhost/callback")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 8252");
        assertThatThrownBy(() -> LoopbackReceiver.start(URI.create("http://127.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/path");
    }
}
