package dev.neonoauth.examples.reuse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The JDK's HTTP client, configured once: no redirects followed, timeouts, and a cap on response size. */
final class Http {
    /** Longest response body read; discovery documents and token responses are a few KiB. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A response: status, body (UTF-8), and its {@code Content-Type}. */
    record Answer(int status, String body, Optional<String> contentType) {
        boolean isRetryableFailure() {
            return status >= 500 || status == 429 || status == 408;
        }
    }

    /** Thrown when the body exceeds {@link #MAX_BODY_BYTES}. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("the response is larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    private Http() {}

    /** A client that never follows redirects: an OAuth endpoint that redirects is misconfigured, or an attack. */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
    }

    static Answer send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new TooLargeException();
            }
            return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8),
                    response.headers().firstValue("Content-Type"));
        }
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
    }
}
