package dev.neonoauth.app.web;

import java.util.List;
import java.util.Map;

/** The embedded default: an in-process Neon sandbox that app-web talks to as if it were Neon. */
final class Embedded {
    static final String SANDBOX_EMAIL = "sandbox@example.com";
    static final String SANDBOX_PASSWORD = "sandbox";

    private Embedded() {}

    /** Starts the sandbox, points the Neon adapter at it through {@code env}, and registers it for closing. */
    static void startSandbox(Map<String, String> env, List<AutoCloseable> resources) {
        throw new IllegalStateException("the embedded sandbox is not wired yet");
    }
}
