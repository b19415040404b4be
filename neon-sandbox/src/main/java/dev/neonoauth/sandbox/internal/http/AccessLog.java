package dev.neonoauth.sandbox.internal.http;

import io.javalin.http.Context;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path, query with every secret-bearing parameter redacted, status and time.
 * Headers (Authorization!) and bodies (forms carry passwords, codes, secrets) are never logged.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.neonoauth.sandbox.access");
    static final Set<String> SECRET_PARAMS = Set.of("code", "state", "code_verifier", "code_challenge", "nonce",
            "login_challenge", "consent_challenge", "access_token", "refresh_token", "id_token", "token", "client_secret",
            "password", "id_token_hint");

    private AccessLog() {
    }

    public static void log(Context ctx, Float millis) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} -> {} ({} ms)", ctx.method(), redact(ctx.path(), ctx.queryString()), ctx.statusCode(),
                    Math.round(millis == null ? 0 : millis));
        }
    }

    /** {@code path?query} with the values of {@link #SECRET_PARAMS} replaced by {@code [redacted]}. */
    public static String redact(String path, String query) {
        if (query == null || query.isEmpty()) {
            return path;
        }
        StringBuilder b = new StringBuilder(path).append('?');
        String[] pairs = query.split("&");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (i > 0) {
                b.append('&');
            }
            if (eq >= 0 && SECRET_PARAMS.contains(name)) {
                b.append(name).append("=[redacted]");
            } else {
                b.append(pair);
            }
        }
        return b.toString();
    }
}
