package dev.neonoauth.adapter.neon;

import dev.neonoauth.adapter.http.HttpLogLevel;
import dev.neonoauth.adapter.http.RedactingHttpLogger;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The API's HTTP log: oauth-http's {@link RedactingHttpLogger}, except for answers whose secret sits in a field that
 * logger does not know. {@code GET /projects/{id}/connection_uri} answers {@code {"uri": "postgresql://role:password@..."}};
 * its exchanges are logged at most at {@link HttpLogLevel#HEADERS}, so the body (and the password) never is.
 */
final class HttpTrafficLog implements Interceptor {
    private final RedactingHttpLogger full;
    private final RedactingHttpLogger withoutBodies;

    HttpTrafficLog(HttpLogLevel level, String loggerName) {
        this.full = new RedactingHttpLogger(level, loggerName);
        this.withoutBodies = new RedactingHttpLogger(level == HttpLogLevel.BODY ? HttpLogLevel.HEADERS : level, loggerName);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return carriesUnredactedSecret(chain.request().url().encodedPath())
                ? withoutBodies.intercept(chain) : full.intercept(chain);
    }

    static boolean carriesUnredactedSecret(String encodedPath) {
        return encodedPath.endsWith("/connection_uri");
    }
}
