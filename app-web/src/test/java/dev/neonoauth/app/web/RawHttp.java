package dev.neonoauth.app.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends: another Host header, oversized or malformed
 * requests. Each request asks to close the connection, and the whole answer is read until the server closes it.
 */
final class RawHttp {
    private RawHttp() {}

    /** A parsed answer: the status, the header lines in order, and the body. */
    record Response(int status, List<String[]> headers, String body) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        List<String> headers(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        /** The status line, the headers and the body, as they came. */
        String whole() {
            StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append('\n');
            headers.forEach(h -> text.append(h[0]).append(": ").append(h[1]).append('\n'));
            return text.append('\n').append(body).toString();
        }
    }

    /** A GET of {@code pathAndQuery} with this Host header and extra header lines ({@code "Name: value"}). */
    static Response get(int port, String host, String pathAndQuery, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return send(port, request.append("Connection: close\r\n\r\n").toString());
    }

    /** Sends {@code request} as it is (ISO-8859-1) and reads the answer. */
    static Response send(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP answer:\n" + raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        String body = raw.substring(end + 4);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        return new Response(status, headers, chunked ? unchunk(body) : body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
