package dev.neonoauth.app.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The head of an HTTP/1 request as {@link LoopbackHttpServer} reads it: the request line and the one header the
 * callback checks. Parsed strictly: anything that is not {@code METHOD /target HTTP/1.x} followed by well-formed
 * header lines is rejected.
 *
 * @param method the request method, e.g. {@code GET}
 * @param rawPath the target's path as sent
 * @param rawQuery the target's query as sent (percent-encoded), null when it has none
 * @param host the {@code Host} header, empty when there is none or more than one
 */
record HttpRequestHead(String method, String rawPath, String rawQuery, Optional<String> host) {

    /** The length of the head in {@code buffer} (up to and including the empty line), or -1 while incomplete. */
    static int end(ByteBuffer buffer) {
        byte[] b = buffer.array();
        for (int i = 0; i < buffer.position(); i++) {
            if (b[i] == '\n') {
                if (i + 1 < buffer.position() && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < buffer.position() && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Parses a complete head (ISO-8859-1 text); empty when it is not an HTTP/1 request head. */
    static Optional<HttpRequestHead> parse(String head) {
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !requestLine[0].matches("[A-Z]{1,16}") || !requestLine[1].startsWith("/")
                || !requestLine[2].matches("HTTP/1\\.[01]")) {
            return Optional.empty();
        }
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.substring(0, colon).contains(" ")) {
                return Optional.empty(); // no name, a folded line, or whitespace in the name
            }
            if (line.substring(0, colon).equalsIgnoreCase("Host")) {
                hosts.add(line.substring(colon + 1).strip());
            }
        }
        String target = requestLine[1];
        int fragment = target.indexOf('#');
        target = fragment < 0 ? target : target.substring(0, fragment);
        int question = target.indexOf('?');
        return Optional.of(new HttpRequestHead(requestLine[0],
                question < 0 ? target : target.substring(0, question),
                question < 0 ? null : target.substring(question + 1),
                hosts.size() == 1 ? Optional.of(hosts.get(0)) : Optional.empty()));
    }
}
