package dev.neonoauth.app.cli;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure in words for the user. Libraries put the names of Java exception types in their messages ("failed in
 * transport (ConnectException)"); a user gains nothing from them, so they are replaced by what they mean ("connection
 * refused"). Only {@code --verbose} shows exception types.
 */
final class FailureText {
    /** A (possibly qualified) Java type name ending in Exception or Error. */
    private static final Pattern TYPE_NAME =
            Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)*([A-Z][\\w$]*(?:Exception|Error))\\b");
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("ConnectException", "connection refused"),
            Map.entry("UnknownHostException", "unknown host"),
            Map.entry("NoRouteToHostException", "no route to host"),
            Map.entry("SocketTimeoutException", "timed out"),
            Map.entry("HttpTimeoutException", "timed out"),
            Map.entry("InterruptedIOException", "interrupted or timed out"),
            Map.entry("SSLHandshakeException", "TLS handshake failed"),
            Map.entry("SSLPeerUnverifiedException", "the server's certificate could not be verified"),
            Map.entry("SSLException", "TLS error"),
            Map.entry("EOFException", "the connection closed early"),
            Map.entry("SocketException", "connection error"),
            Map.entry("ProtocolException", "HTTP protocol error"),
            Map.entry("AccessDeniedException", "permission denied"),
            Map.entry("NoSuchFileException", "no such file"),
            Map.entry("FileAlreadyExistsException", "the file exists"),
            Map.entry("NotDirectoryException", "not a directory"),
            Map.entry("FileSystemException", "file system error"),
            Map.entry("IOException", "I/O error"));

    private FailureText() {}

    /** The failure's message without type names; a description of its type when it has no message. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? words(failure.getClass().getSimpleName()) : scrub(message);
        if (failure instanceof FileSystemException) {
            // its message is just the path (and maybe a reason): say what happened first
            text = words(failure.getClass().getSimpleName()) + ": " + text;
        }
        if (failure instanceof UncheckedIOException && failure.getCause() != null) {
            text = text + ": " + describe(failure.getCause());
        }
        return text;
    }

    /** {@code text} with every Java exception type name replaced by words. */
    static String scrub(String text) {
        Matcher m = TYPE_NAME.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(words(m.group(1))));
        }
        return m.appendTail(sb).toString();
    }

    /** What an exception type means, by its simple name. */
    static String words(String simpleName) {
        return WORDS.getOrDefault(simpleName, "unexpected error");
    }
}
