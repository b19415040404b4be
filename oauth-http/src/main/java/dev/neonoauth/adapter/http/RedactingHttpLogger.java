package dev.neonoauth.adapter.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs HTTP traffic at the configured {@link HttpLogLevel} without ever logging a secret:
 * <ul>
 *   <li>{@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} values are
 *       replaced by {@code ██};
 *   <li>form bodies (token and revocation requests carry codes, verifiers, refresh tokens and client secrets) are
 *       never logged, only their size;
 *   <li>JSON bodies are logged with the values of secret fields ({@code access_token}, {@code refresh_token},
 *       {@code id_token}, {@code token}, {@code client_secret}, {@code password}, {@code connection_uri}) replaced;
 *   <li>other bodies (binary, compressed, non-UTF-8) are never logged.
 * </ul>
 * An application interceptor, so it sees decompressed bodies and runs once per call; the authenticator's retry after
 * a 401 is logged by the authenticator itself.
 */
public final class RedactingHttpLogger implements Interceptor {
    /** The logger of the OAuth server's traffic. */
    public static final String OAUTH_LOGGER = "dev.neonoauth.adapter.http.wire";
    static final String REDACTED = "██";
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final Pattern SECRET_JSON_FIELD = Pattern.compile(
            "\"(access_token|refresh_token|id_token|token|client_secret|password|connection_uri)\"(\\s*:\\s*)"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)");
    private static final long MAX_LOGGED_BODY = 16 * 1024;

    private final Logger log;
    private final HttpLogLevel level;

    /** Logs to the logger named {@code loggerName} at INFO. */
    public RedactingHttpLogger(HttpLogLevel level, String loggerName) {
        this(level, LoggerFactory.getLogger(loggerName));
    }

    RedactingHttpLogger(HttpLogLevel level, Logger log) {
        this.level = java.util.Objects.requireNonNull(level, "level == null");
        this.log = log;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (level == HttpLogLevel.NONE || !log.isInfoEnabled()) {
            return chain.proceed(request);
        }
        boolean headers = level.compareTo(HttpLogLevel.HEADERS) >= 0;
        boolean bodies = level == HttpLogLevel.BODY;
        String requestId = request.header(HttpClients.REQUEST_ID);
        StringBuilder out = new StringBuilder("--> ").append(request.method()).append(' ').append(request.url())
                .append(" (request id ").append(requestId).append(')');
        if (headers) {
            appendHeaders(out, request.headers());
        }
        if (bodies && request.body() != null) {
            out.append('\n').append(describeRequestBody(request.body()));
        }
        log.info(out.toString());

        long start = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            log.info("<-- HTTP FAILED {} {} (request id {}): {}", request.method(), request.url(), requestId,
                    e.getClass().getSimpleName());
            throw e;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        StringBuilder in = new StringBuilder("<-- ").append(response.code()).append(' ').append(request.method())
                .append(' ').append(request.url()).append(" (").append(millis).append(" ms, request id ")
                .append(requestId).append(')');
        if (headers) {
            appendHeaders(in, response.headers());
        }
        if (bodies) {
            in.append('\n').append(describeResponseBody(response));
        }
        log.info(in.toString());
        return response;
    }

    private static void appendHeaders(StringBuilder out, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : headers.value(i);
            out.append('\n').append(name).append(": ").append(value);
        }
    }

    private static String describeRequestBody(RequestBody body) throws IOException {
        MediaType type = body.contentType();
        long length = body.contentLength();
        if (type != null && "x-www-form-urlencoded".equals(type.subtype())) {
            return "(form body of " + length + " bytes not logged: it carries credentials)";
        }
        if (!isJson(type) || length > MAX_LOGGED_BODY || body.isOneShot() || body.isDuplex()) {
            return "(" + length + "-byte " + type + " body not logged)";
        }
        Buffer buffer = new Buffer();
        body.writeTo(buffer);
        return redactJson(buffer.readString(StandardCharsets.UTF_8));
    }

    private static String describeResponseBody(Response response) throws IOException {
        ResponseBody body = response.body();
        MediaType type = body.contentType();
        if (!isJson(type)) {
            return "(" + (type == null ? "untyped" : type.toString()) + " body not logged)";
        }
        ResponseBody peeked = response.peekBody(MAX_LOGGED_BODY);
        String text = peeked.string();
        boolean cut = text.length() >= MAX_LOGGED_BODY;
        return redactJson(text) + (cut ? "… (cut)" : "");
    }

    private static boolean isJson(MediaType type) {
        return type != null && ("json".equals(type.subtype()) || type.subtype().endsWith("+json"));
    }

    /** Replaces the values of secret fields in a JSON text, whether or not the text is complete. */
    public static String redactJson(String json) {
        Matcher m = SECRET_JSON_FIELD.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("\"" + m.group(1) + "\"" + m.group(2) + "\"" + REDACTED + "\""));
        }
        m.appendTail(out);
        // a secret cut in the middle by the log limit leaves an unterminated string behind the key
        return out.toString().replaceAll(
                "\"(access_token|refresh_token|id_token|token|client_secret|password|connection_uri)\"\\s*:\\s*\"[^\"]*$",
                "\"$1\":\"" + REDACTED + "\"");
    }
}
