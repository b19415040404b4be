package dev.neonoauth.adapter.neon;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Runs one OAuth request and turns what happened into an {@link Answer} or a
 * {@link TokenEndpointUnavailableException}: transport failures, timeouts, truncated and oversized bodies are
 * retryable failures with the cause kept. Decodes RFC 6749 section 5.2 error bodies.
 */
final class OAuthHttp {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthHttp.class);
    private static final JsonAdapter<OAuthJson.TokenError> ERROR = Json.MOSHI.adapter(OAuthJson.TokenError.class);

    private OAuthHttp() {}

    /** A complete answer: status, body text (within the size limit), a few headers. */
    record Answer(int status, String body, String location, String requestId) {
        boolean isRedirect() {
            return status >= 300 && status < 400;
        }

        boolean isServerError() {
            return status >= 500;
        }

        boolean isClientError() {
            return status >= 400 && status < 500;
        }
    }

    /** @param what the endpoint, for messages ("the token endpoint") */
    static Answer execute(Call<ResponseBody> call, String what) {
        String unknownId = "(not sent)";
        try {
            Response<ResponseBody> response = call.execute();
            ResponseBody body = response.isSuccessful() ? response.body() : response.errorBody();
            String text;
            try (ResponseBody b = body) {
                text = b == null ? "" : b.string();
            }
            // the id the interceptor put on the request as sent (the Retrofit request does not have it yet)
            String sentId = response.raw().request().header(StandardHeadersInterceptor.REQUEST_ID);
            String id = Optional.ofNullable(response.headers().get(StandardHeadersInterceptor.REQUEST_ID))
                    .or(() -> Optional.ofNullable(sentId)).orElse(unknownId);
            return new Answer(response.code(), text, response.headers().get("Location"), id);
        } catch (ResponseTooLargeException e) {
            throw new TokenEndpointUnavailableException(what + " answered with a body over the size limit", true, e);
        } catch (InterruptedIOException e) {
            throw new TokenEndpointUnavailableException(what + " timed out", true, e);
        } catch (IOException e) {
            throw new TokenEndpointUnavailableException(
                    what + " could not be reached or its answer was cut off (" + e.getClass().getSimpleName() + ")", true, e);
        }
    }

    /** The failure for an answer that is neither a success nor an OAuth error body. */
    static TokenEndpointUnavailableException unexpected(Answer answer, String what) {
        if (answer.isRedirect()) {
            return new TokenEndpointUnavailableException(what + " answered " + answer.status() + " redirecting to "
                    + answer.location() + "; redirects are not followed", true);
        }
        Optional<OAuthError> error = parseError(answer.body());
        String detail = error.map(e -> ": " + e.summary()).orElse("");
        boolean retryable = answer.isServerError() || answer.status() == 408 || answer.status() == 429;
        return new TokenEndpointUnavailableException(what + " answered HTTP " + answer.status() + detail
                + " (request id " + answer.requestId() + ")", retryable);
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
                LOG.debug("OAuth error {} debug: {}", code, debug);
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
}
