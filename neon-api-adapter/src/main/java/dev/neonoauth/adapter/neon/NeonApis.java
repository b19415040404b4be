package dev.neonoauth.adapter.neon;

import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.neon.api.NeonApi;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Neon's API v2 in plain Java, without a dependency-injection container:
 * {@code NeonApi neon = NeonApis.create(NeonApiConfig.defaults(), oauthClient.accessTokens());}. The OAuth endpoints
 * come from oauth-http: {@code OAuthHttp.create(config.oauthHttpConfig())}.
 */
public final class NeonApis {
    private NeonApis() {}

    /** The API at {@code config}'s base URL, with bearer tokens from {@code tokens}. No I/O until the first call. */
    public static NeonApi create(NeonApiConfig config, AccessTokenProvider tokens) {
        return create(config, tokens, Sleeper.system(), Clock.systemUTC(), RetrofitNeonApi.MAX_PROJECTS_PAGE);
    }

    static NeonApi create(NeonApiConfig config, AccessTokenProvider tokens, Sleeper sleeper, Clock clock,
            int projectsPageSize) {
        Objects.requireNonNull(config, "config == null");
        Objects.requireNonNull(tokens, "tokens == null");
        HttpStack http = new HttpStack(config);
        RetryPolicy policy = new RetryPolicy(config, () -> ThreadLocalRandom.current().nextDouble(), clock);
        ApiClient client = http.client(new BearerTokenAuthenticator(tokens));
        NeonCallExecutor executor = new NeonCallExecutor(tokens, policy, sleeper, config);
        return new RetrofitNeonApi(client, HttpStack.service(client), executor, config, sleeper, clock, projectsPageSize);
    }
}
