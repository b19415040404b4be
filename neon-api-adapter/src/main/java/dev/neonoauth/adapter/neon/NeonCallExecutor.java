package dev.neonoauth.adapter.neon;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.OrganizationRequiredException;
import dev.neonoauth.neon.api.OutcomeUnknownException;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import dev.neonoauth.adapter.http.ResponseTooLargeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Response;

/**
 * Runs one Neon API call: token and scope first, then attempts with the retry policy, then the error mapping
 * (docs/neon-api-adapter.md, "Error mapping").
 */
final class NeonCallExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(NeonCallExecutor.class);
    /**
     * Methods retried after a transport failure. neon-api-v2.yaml (GeneralError) counts POST, PATCH, PUT and DELETE as
     * not safe to retry: a lost answer to a DELETE may hide a deletion that happened.
     */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD");
    private static final String ORG_REQUIRED = "org_id is required";
    private static final JsonAdapter<NeonJson.Error> ERROR = Json.MOSHI.adapter(NeonJson.Error.class);

    private final AccessTokenProvider tokens;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final NeonApiConfig config;

    NeonCallExecutor(AccessTokenProvider tokens, RetryPolicy policy, Sleeper sleeper, NeonApiConfig config) {
        this.tokens = tokens;
        this.policy = policy;
        this.sleeper = sleeper;
        this.config = config;
    }

    /** One HTTP attempt of a call: Retrofit's {@code Call.execute()}, or an {@link ApiGet}'s. */
    @FunctionalInterface
    interface Attempt<J> {
        Response<J> execute() throws IOException;
    }

    /** One call of the API, described for messages and logs. */
    record Spec<J, T>(AccountKey account, Optional<Scope> scope, String method, String path,
            Function<CallContext, Attempt<J>> call, Function<J, T> mapper) {
        String operation() {
            return method + " " + path;
        }

        boolean idempotent() {
            return IDEMPOTENT.contains(method);
        }
    }

    /**
     * @return the mapped 2xx body (the mapper gets null for a body-less 2xx, such as 204)
     */
    <J, T> T execute(Spec<J, T> spec) {
        int lockedRetries = 0;
        int throttledRetries = 0;
        int transportRetries = 0;
        while (true) {
            AccessTokenResult.Available token = tokenFor(spec);
            CallContext context = new CallContext(spec.account(), token.token(), spec.method(), spec.path());
            Response<J> response;
            try {
                response = spec.call().apply(context).execute();
            } catch (ResponseTooLargeException e) {
                throw new NeonApiException(context.lastStatus(), null, "Neon's answer to " + spec.operation()
                        + " is larger than the limit of " + config.maxApiResponseBytes() + " bytes (request id "
                        + context.requestId() + ")", context.requestId(), false, e);
            } catch (JsonEncodingException e) {
                // a complete answer that is not JSON: reading it again will not help
                throw unreadable(spec, context, e);
            } catch (IOException e) {
                if (spec.idempotent() && transportRetries < config.transportRetries() && !interrupted(e)) {
                    transportRetries++;
                    Duration delay = policy.backoff(transportRetries);
                    LOG.warn("{} failed in transport ({}), retry {} of {} in {} ms (request id {})", spec.operation(),
                            e.getClass().getSimpleName(), transportRetries, config.transportRetries(), delay.toMillis(),
                            context.requestId());
                    sleeper.sleep(delay);
                    continue;
                }
                throw transportFailure(spec, context, e, transportRetries + 1);
            } catch (JsonDataException e) {
                throw unreadable(spec, context, e);
            }
            int status = response.code();
            if (response.isSuccessful()) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} -> {} (request id {})", spec.operation(), status, context.requestId());
                }
                try {
                    return spec.mapper().apply(response.body());
                } catch (MalformedResponseException | JsonDataException e) {
                    throw unreadable(spec, context, e);
                }
            }
            NeonError error = readError(response, context);
            if (status == 401) {
                throw unauthorized(spec, context, error);
            }
            if (status == 423 && lockedRetries < config.lockedRetries() && !Thread.currentThread().isInterrupted()) {
                lockedRetries++;
                Duration delay = policy.lockedDelay();
                LOG.info("{} -> 423 Locked ({}), retry {} of {} in {} ms (request id {})", spec.operation(),
                        error.message(), lockedRetries, config.lockedRetries(), delay.toMillis(), error.requestId());
                sleeper.sleep(delay);
                continue;
            }
            if ((status == 429 || status == 503) && throttledRetries < config.throttledRetries()
                    && !Thread.currentThread().isInterrupted()) {
                Optional<Duration> delay = policy.throttledDelay(throttledRetries + 1, response.headers().get("Retry-After"));
                if (delay.isPresent()) {
                    throttledRetries++;
                    LOG.info("{} -> {}, retry {} of {} in {} ms (request id {})", spec.operation(), status,
                            throttledRetries, config.throttledRetries(), delay.get().toMillis(), error.requestId());
                    sleeper.sleep(delay.get());
                    continue;
                }
                LOG.warn("{} -> {} with Retry-After longer than {}; not retrying", spec.operation(), status,
                        config.maxRetryAfter());
            }
            throw errorStatus(spec, status, error);
        }
    }

    private AccessTokenResult.Available tokenFor(Spec<?, ?> spec) {
        AccessTokenResult result = tokens.currentToken(spec.account());
        if (result instanceof AccessTokenResult.ReauthorizationRequired required) {
            throw new ReauthorizationRequiredException(required.message());
        }
        AccessTokenResult.Available available = (AccessTokenResult.Available) result;
        spec.scope().ifPresent(scope -> {
            if (!available.grantedScopes().contains(scope)) {
                throw new MissingScopeException(scope);
            }
        });
        return available;
    }

    /** An interrupted thread stops retrying; OkHttp reports the interrupt as an InterruptedIOException. */
    private static boolean interrupted(IOException e) {
        return Thread.currentThread().isInterrupted() || e instanceof java.nio.channels.ClosedByInterruptException;
    }

    private static RuntimeException transportFailure(Spec<?, ?> spec, CallContext context, IOException e, int attempts) {
        boolean neverSent = !context.requestSent()
                || e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException;
        String kind = e instanceof InterruptedIOException ? "timed out" : "failed in transport (" + e.getClass().getSimpleName() + ")";
        if (!spec.idempotent() && !neverSent) {
            LOG.warn("{} {} after it was sent; outcome unknown (request id {})", spec.operation(), kind, context.requestId());
            return new OutcomeUnknownException(spec.operation() + " " + kind + " after it was sent, so Neon may or may not"
                    + " have carried it out; it is not retried automatically. Check the current state (e.g. list the"
                    + " projects) before trying again (request id " + context.requestId() + ")", context.requestId(), e);
        }
        return new NeonApiException(context.lastStatus(), null, spec.operation() + " " + kind
                + (neverSent ? " before it was sent" : "") + (attempts > 1 ? " on each of " + attempts + " attempts" : "") + " (request id " + context.requestId() + ")", context.requestId(), true, e);
    }

    private RuntimeException unreadable(Spec<?, ?> spec, CallContext context, Exception e) {
        int status = context.lastStatus();
        if (!spec.idempotent() && status >= 200 && status < 300) {
            return new OutcomeUnknownException(spec.operation() + " was answered " + status + " but the answer could not"
                    + " be read (" + e.getMessage() + "); it probably took effect. Check the current state before trying"
                    + " again (request id " + context.requestId() + ")", context.requestId(), e);
        }
        return new NeonApiException(status, null, "Neon's answer to " + spec.operation() + " could not be read: "
                + e.getMessage() + " (request id " + context.requestId() + ")", context.requestId(), false, e);
    }

    private RuntimeException unauthorized(Spec<?, ?> spec, CallContext context, NeonError error) {
        Optional<AccessTokenResult.ReauthorizationRequired> required = context.reauthorization();
        if (required.isPresent()) {
            return new ReauthorizationRequiredException(required.get().message());
        }
        Optional<RuntimeException> refreshFailure = context.refreshFailure();
        if (refreshFailure.isPresent()) {
            return refreshFailure.get();
        }
        String retried = context.refreshes() > 0 ? " even after one forced refresh" : "";
        return new NeonApiException(401, error.code(), spec.operation() + " was rejected with 401" + retried + ": "
                + error.describe(), error.requestId(), false, null);
    }

    private static RuntimeException errorStatus(Spec<?, ?> spec, int status, NeonError error) {
        if (status == 400 && error.message() != null && error.message().toLowerCase(Locale.ROOT).contains(ORG_REQUIRED)) {
            return new OrganizationRequiredException(error.message(), error.requestId());
        }
        boolean retryable = status == 423 || status == 429 || status >= 500;
        return new NeonApiException(status, error.code(), spec.operation() + " failed with HTTP " + status + ": "
                + error.describe(), error.requestId(), retryable, null);
    }

    /** Neon's error body, or what can be said without one. */
    record NeonError(String code, String message, String requestId) {
        String describe() {
            return (code == null ? "" : code + ": ") + (message == null ? "(no message)" : message)
                    + " (request id " + requestId + ")";
        }
    }

    private static NeonError readError(Response<?> response, CallContext context) {
        String headerId = response.headers().get(ApiHeadersInterceptor.REQUEST_ID);
        String fallbackId = headerId != null ? headerId : context.requestId();
        try (ResponseBody body = response.errorBody()) {
            if (body == null) {
                return new NeonError(null, null, fallbackId);
            }
            String text = body.string();
            NeonJson.Error json = text.isBlank() ? null : ERROR.fromJson(text);
            if (json == null) {
                return new NeonError(null, null, fallbackId);
            }
            String code = json.code instanceof String c && !c.isBlank() ? c : null;
            String message = json.message instanceof String m ? clean(m) : null;
            String requestId = json.requestId instanceof String r && !r.isBlank() ? r : fallbackId;
            return new NeonError(code, message, requestId);
        } catch (IOException | JsonDataException e) {
            return new NeonError(null, null, fallbackId);
        }
    }

    private static String clean(String message) {
        String oneLine = message.replaceAll("\\p{Cntrl}", " ").strip();
        return oneLine.length() > 500 ? oneLine.substring(0, 500) + "…" : oneLine;
    }
}
