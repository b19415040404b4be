package dev.neonoauth.adapter.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request to the authorization server and turns what happened into an {@link Answer} or a
 * {@link TokenEndpointUnavailableException}: transport failures, timeouts, truncated and oversized bodies are
 * retryable failures with the cause kept. Decodes RFC 6749 section 5.2 error bodies.
 */
final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
    private static final JsonAdapter<OAuthJson.TokenError> ERROR = OAuthJson.MOSHI.adapter(OAuthJson.TokenError.class);

    private Exchange() {}

    /** A complete answer: status, body text (within the size limit), content type and a few headers. */
    record Answer(int status, String body, String contentType, String location, String requestId) {
        boolean isRedirect() {
            return status >= 300 && status < 400;
        }

        boolean isServerError() {
            return status >= 500;
        }

        boolean isClientError() {
            return status >= 400 && status < 500;
        }

        boolean isRetryableStatus() {
            return isServerError() || status == 408 || status == 429;
        }
    }

    /** {@code GET url}, with an {@code Authorization} header when {@code authorization} is not null. */
    static Answer get(Call.Factory client, String url, String authorization, String what) {
        Request.Builder request = new Request.Builder().url(url).get();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return execute(client, request.build(), what);
    }

    /** A form-encoded {@code POST} (RFC 6749 appendix B), with an {@code Authorization} header when not null. */
    static Answer postForm(Call.Factory client, String url, Map<String, String> form, String authorization, String what) {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        Request.Builder request = new Request.Builder().url(url).post(body.build());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return execute(client, request.build(), what);
    }

    /** @param what the endpoint, for messages ("the token endpoint") */
    static Answer execute(Call.Factory client, Request request, String what) {
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body.string();
            String id = Optional.ofNullable(response.header(HttpClients.REQUEST_ID))
                    .or(() -> Optional.ofNullable(response.request().header(HttpClients.REQUEST_ID)))
                    .orElse("(not sent)");
            return new Answer(response.code(), text, response.header("Content-Type"), response.header("Location"), id);
        } catch (ResponseTooLargeException e) {
            throw new TokenEndpointUnavailableException(what + " answered with a body over the size limit", true, e);
        } catch (InterruptedIOException e) {
            throw new TokenEndpointUnavailableException(what + " timed out", true, e);
        } catch (IOException e) {
            throw new TokenEndpointUnavailableException(what + " could not be reached or its answer was cut off", true, e);
        }
    }

    /** The failure for an answer that is neither a success nor an OAuth error body. */
    static TokenEndpointUnavailableException unexpected(Answer answer, String what) {
        if (answer.isRedirect()) {
            return new TokenEndpointUnavailableException(what + " answered " + answer.status() + " redirecting to "
                    + printable(answer.location()) + "; redirects are not followed", true);
        }
        Optional<OAuthError> error = parseError(answer.body());
        String detail = error.map(e -> ": " + e.summary()).orElse("");
        return new TokenEndpointUnavailableException(what + " answered HTTP " + answer.status() + detail
                + " (request id " + printable(answer.requestId()) + ")", answer.isRetryableStatus());
    }

    /**
     * Reads {@code {error, error_description, error_uri}} and Hydra's optional {@code error_hint}; keeps unknown
     * codes; empty when the body is not such an object.
     */
    static Optional<OAuthError> parseError(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        OAuthJson.TokenError json;
        try {
            json = ERROR.fromJson(body);
        } catch (IOException | JsonDataException e) {
            return Optional.empty();
        }
        if (json == null || !(json.error instanceof String code) || code.isBlank()) {
            return Optional.empty();
        }
        try {
            if (json.errorDebug instanceof String debug) {
                LOG.debug("OAuth error {} debug: {}", printable(code), printable(debug));
            }
            return Optional.of(new OAuthError(OAuthErrorCode.of(code.strip()), text(json.errorDescription),
                    text(json.errorUri), text(json.errorHint)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** At most 200 characters of a server-supplied string, control characters replaced, for messages. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ? '?' : c));
        return out.toString();
    }
}
