package dev.neonoauth.benchmarks.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for hostile callbacks: query parsing, a code from another flow, raw HTTP requests. */
final class Callbacks {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Callbacks() {}

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * A valid authorization code issued for another flow of the same client and redirect URI: the same
     * authorization request with another state and another PKCE challenge, approved by the sandbox (headless).
     */
    static String codeFromAnotherFlow(URI authorizationUri) throws Exception {
        Map<String, String> q = query(authorizationUri);
        byte[] verifier = randomToken().getBytes(StandardCharsets.US_ASCII);
        q.put("state", randomToken());
        q.put("code_challenge", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier)));
        StringBuilder other = new StringBuilder(authorizationUri.getScheme() + "://" + authorizationUri.getRawAuthority()
                + authorizationUri.getRawPath() + "?");
        q.forEach((k, v) -> other.append(WebBrowser.enc(k)).append('=').append(WebBrowser.enc(v)).append('&'));
        URI back = Stack.follow(URI.create(other.substring(0, other.length() - 1)));
        return query(back).get("code");
    }

    /**
     * The status of a raw HTTP/1.1 request, or -1 when the server closed the connection without an answer. Like a
     * browser, it reads the whole answer (headers and page, up to the server's close) before it hangs up: hanging up
     * after the status line resets the connection while the server may still be writing the page. Connect and every
     * read are bounded (3 s, 10 s), so a server that never answers fails the case instead of blocking the script.
     */
    static int raw(int port, String method, String rawTarget, String host) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((method + " " + rawTarget + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                head.write(c);
            }
            String status = head.toString(StandardCharsets.ISO_8859_1);
            if (!status.startsWith("HTTP/1.1 ")) {
                return -1;
            }
            in.transferTo(OutputStream.nullOutputStream()); // the rest of the answer, up to the server's close
            return Integer.parseInt(status.substring(9, 12));
        } catch (java.net.SocketException e) {
            return -1;
        }
    }
}
