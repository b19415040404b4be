package dev.neonoauth.sandbox.internal.http;

import dev.neonoauth.sandbox.FaultPlan;
import dev.neonoauth.sandbox.FaultRule;
import dev.neonoauth.sandbox.SandboxMetrics;
import dev.neonoauth.sandbox.internal.api.NeonApi;
import dev.neonoauth.sandbox.internal.oauth.OAuthError;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts requests for {@link SandboxMetrics} and applies the {@link FaultPlan} before and after the handlers. */
public final class FaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    private static final String TRUNCATE = "sandbox.truncate";

    private final FaultPlan faults;
    private final SandboxMetrics metrics;

    public FaultInjector(FaultPlan faults, SandboxMetrics metrics) {
        this.faults = faults;
        this.metrics = metrics;
    }

    public void before(Context ctx) throws InterruptedException {
        String path = ctx.path();
        count(ctx, path);
        FaultPlan.Decision d = faults.decide(ctx.method().name(), path);
        if (d.isNone()) {
            return;
        }
        if (!d.latency().isZero()) {
            Thread.sleep(d.latency().toMillis());
        }
        FaultRule rule = d.terminal();
        if (rule == null) {
            return;
        }
        metrics.countFault();
        LOG.info("fault injected on {} {}: {}", ctx.method(), path, rule);
        switch (rule.kind()) {
            case STATUS -> {
                Duration retryAfter = rule.retryAfter();
                if (retryAfter != null) {
                    ctx.header("Retry-After", Long.toString(Math.max(0, retryAfter.toSeconds())));
                }
                if (path.startsWith(NeonApi.PREFIX)) {
                    NeonApi.writeError(ctx, rule.status(), code(rule.status()), message(rule.status()));
                } else {
                    OAuthError e = OAuthError.forStatus(rule.status());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("error", e.error());
                    body.put("error_description", e.description());
                    HttpSupport.json(ctx, rule.status(), body);
                }
                ctx.skipRemainingHandlers();
            }
            case DROP_CONNECTION -> {
                ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                        .getEndPoint().close();
                ctx.skipRemainingHandlers();
            }
            case TRUNCATED_BODY -> ctx.attribute(TRUNCATE, Boolean.TRUE);
            default -> throw new IllegalStateException("not a terminal fault: " + rule);
        }
    }

    public void after(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(TRUNCATE))) {
            String body = ctx.result();
            if (body != null) {
                ctx.result(body.substring(0, body.length() / 2));
            }
        }
    }

    private void count(Context ctx, String path) {
        if (path.startsWith(NeonApi.PREFIX)) {
            metrics.countApiRequest();
        } else if (path.equals("/oauth2/token") && ctx.method() == HandlerType.POST) {
            metrics.countTokenRequest(ctx.isFormUrlencoded() ? ctx.formParam("grant_type") : null);
        } else if (path.equals("/oauth2/auth")) {
            metrics.countAuthorizationRequest();
        } else if (path.equals("/oauth2/revoke")) {
            metrics.countRevocationRequest();
        }
    }

    private static String code(int status) {
        return switch (status) {
            case 429 -> "RATE_LIMITED";
            case 423 -> "LOCKED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "FAULT_INJECTED";
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 429 -> "rate limit exceeded, retry later";
            case 423 -> "project already has running conflicting operations, scheduling of new ones is prohibited";
            case 503 -> "service temporarily unavailable";
            default -> "the sandbox injected a " + status + " fault";
        };
    }
}
