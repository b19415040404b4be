package dev.neonoauth.adapter.neon;

import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AccessTokenResult;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a 401 from the Neon API: asks the core for one forced refresh ({@link AccessTokenProvider#refreshAfterRejection})
 * and retries once with the new token. A second 401 ends the call (the loop guard counts prior responses). Never
 * deletes tokens: the core owns them, and a dead grant is the core's verdict, not this adapter's. A 403 never gets
 * here (OkHttp only calls authenticators on 401 and 407), so it never refreshes.
 */
final class BearerTokenAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenAuthenticator.class);
    private final AccessTokenProvider tokens;

    BearerTokenAuthenticator(AccessTokenProvider tokens) {
        this.tokens = tokens;
    }

    @Override
    public Request authenticate(Route route, Response response) {
        CallContext context = response.request().tag(CallContext.class);
        if (context == null || response.code() != 401) {
            return null;
        }
        if (priorResponses(response) >= 1) {
            LOG.warn("Neon rejected the refreshed token too for {} (request id {}); giving up", context.operation(),
                    context.requestId());
            return null;
        }
        AccessTokenResult result;
        try {
            result = tokens.refreshAfterRejection(context.account(), context.token());
        } catch (RuntimeException e) {
            context.refreshFailed(e);
            return null;
        }
        if (result instanceof AccessTokenResult.ReauthorizationRequired required) {
            context.reauthorizationRequired(required);
            return null;
        }
        AccessTokenResult.Available available = (AccessTokenResult.Available) result;
        if (available.token().sameAs(context.token())) {
            LOG.warn("the refresh after a 401 gave back the rejected token for {}; not retrying", context.operation());
            return null;
        }
        context.replaceToken(available.token());
        LOG.info("Neon answered 401 to {} (request id {}); retrying once with a refreshed token", context.operation(),
                context.requestId());
        return response.request().newBuilder().header("Authorization", available.token().bearerHeaderValue()).build();
    }

    private static int priorResponses(Response response) {
        int count = 0;
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
            count++;
        }
        return count;
    }
}
