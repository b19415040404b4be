package dev.neonoauth.app.web;

import dev.neonoauth.sandbox.NeonSandbox;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: an in-process Neon sandbox (OAuth server and API v2 stand-in) on a free loopback port,
 * which app-web talks to exactly as it would talk to Neon, through the Neon adapter.
 */
final class Embedded {
    static final String SANDBOX_EMAIL = "sandbox@example.com";
    static final String SANDBOX_PASSWORD = "sandbox";
    private static final Logger LOG = LoggerFactory.getLogger(Embedded.class);

    private Embedded() {}

    /** Starts the sandbox, points the Neon adapter at it through {@code env}, and registers it for closing. */
    static NeonSandbox startSandbox(Map<String, String> env, List<AutoCloseable> resources) {
        NeonSandbox.Builder builder = NeonSandbox.builder().port(0);
        String headless = env.get("NEON_SANDBOX_HEADLESS_APPROVAL");
        if (headless != null && !headless.isBlank()) {
            builder.headlessApproval(headless.strip());
        }
        NeonSandbox sandbox = builder.build().start();
        resources.add(sandbox);
        env.put("NEON_OAUTH_HOST", sandbox.baseUri().toString());
        env.put("NEON_API_HOST", sandbox.apiBaseUri().toString());
        LOG.info("embedded Neon sandbox at {}", sandbox.baseUri());
        return sandbox;
    }
}
