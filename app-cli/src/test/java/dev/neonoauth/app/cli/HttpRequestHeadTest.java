package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a request head: where it ends, what is taken from it, and what is refused. */
class HttpRequestHeadTest {

    @Test
    void aHeadEndsAtTheFirstEmptyLine() {
        assertThat(HttpRequestHead.end(buffer("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody"))).isEqualTo(27);
        assertThat(HttpRequestHead.end(buffer("GET / HTTP/1.1\nHost: x\n\n"))).isEqualTo(24);
        assertThat(HttpRequestHead.end(buffer("GET / HTTP/1.1\r\nHost: x\r\n"))).isEqualTo(-1);
        assertThat(HttpRequestHead.end(buffer("GET /call"))).isEqualTo(-1);
    }

    @Test
    void theTargetAndTheOneHostAreTaken() {
        assertThat(HttpRequestHead.parse("GET /callback?code=a%20b&state=s#frag HTTP/1.1\r\nhost: 127.0.0.1:5\r\n"
                + "Accept: */*\r\n\r\n")).contains(new HttpRequestHead("GET", "/callback", "code=a%20b&state=s",
                        Optional.of("127.0.0.1:5")));
        assertThat(HttpRequestHead.parse("GET /callback HTTP/1.0\r\n\r\n"))
                .contains(new HttpRequestHead("GET", "/callback", null, Optional.empty()));
        assertThat(HttpRequestHead.parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").orElseThrow().host())
                .as("two Host headers: none trusted").isEmpty();
    }

    @Test
    void anythingElseIsRefused() {
        String[] heads = {"HELLO\r\n\r\n", "GET http://evil/callback HTTP/1.1\r\n\r\n", "GET / HTTP/2\r\n\r\n",
                "get / HTTP/1.1\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n folded\r\n\r\n",
                "GET / HTTP/1.1\r\nHost : x\r\n\r\n", "GET / HTTP/1.1\r\nno-colon\r\n\r\n"};
        for (String head : heads) {
            assertThat(HttpRequestHead.parse(head)).as(head).isEmpty();
        }
    }

    private static ByteBuffer buffer(String text) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b;
    }
}
