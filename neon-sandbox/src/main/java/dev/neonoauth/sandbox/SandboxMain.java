package dev.neonoauth.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar neon-sandbox.jar [options]}: runs the sandbox until Ctrl-C and prints its URLs.
 *
 * <pre>
 *   --port N                    TCP port on 127.0.0.1 (default 4444; 0 picks a free port)
 *   --clients FILE              registered clients JSON (default: the bundled neon-oauth-web, neon-oauth-cli, neonctl)
 *   --data FILE                 keep state in this H2 MVStore file across runs (default: memory only)
 *   --headless-approval EMAIL   approve every authorization as this user without pages (automation only)
 *   --faults FILE               fault plan JSON
 *   --access-token-ttl D        access token lifetime, e.g. 3600s, 5m (default 1h)
 *   --refresh-token-ttl D       refresh token lifetime (default 30d)
 *   --operation-delay D         how long API operations run (default 2s)
 *   --require-org-id            answer "org_id is required" like accounts in organizations
 *   --refresh-reuse-error E     token_inactive (default, 401) or invalid_grant (400 "already used")
 *   --no-seed                   start without seed data
 *   --help                      this text
 * </pre>
 *
 * The environment variable {@value RefreshReuseError#ENV} sets {@code --refresh-reuse-error} too; the option wins.
 */
public final class SandboxMain {

    static final int DEFAULT_PORT = 4444;
    private static final String LOGBACK_CONFIG = "dev/neonoauth/sandbox/logback-standalone.xml";

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        NeonSandbox sandbox;
        try {
            sandbox = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("neon-sandbox: " + e.getMessage());
            System.err.println();
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (sandbox == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "neon-sandbox-shutdown"));
        stopped.await();
    }

    /**
     * Parses the arguments, starts the sandbox and prints the banner to {@code out}. Returns {@code null} after
     * printing the usage for {@code --help}.
     *
     * @throws IllegalArgumentException for unknown or malformed options
     */
    public static NeonSandbox run(String[] args, PrintStream out) {
        return run(args, System.getenv(), out);
    }

    /** {@link #run(String[], PrintStream)} with this environment instead of the process's. */
    static NeonSandbox run(String[] args, Map<String, String> env, PrintStream out) {
        NeonSandbox.Builder builder = NeonSandbox.builder().port(DEFAULT_PORT);
        String reuseFromEnv = env.get(RefreshReuseError.ENV);
        if (reuseFromEnv != null && !reuseFromEnv.isBlank()) {
            try {
                builder.refreshReuseError(RefreshReuseError.parse(reuseFromEnv));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RefreshReuseError.ENV + ": " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    out.println(usage());
                    return null;
                }
                case "--port" -> builder.port(parsePort(value(args, ++i, arg)));
                case "--clients" -> builder.clientsFile(Path.of(value(args, ++i, arg)));
                case "--data" -> builder.persistTo(Path.of(value(args, ++i, arg)));
                case "--headless-approval" -> builder.headlessApproval(value(args, ++i, arg));
                case "--faults" -> builder.faults(FaultPlan.load(Path.of(value(args, ++i, arg))));
                case "--access-token-ttl" -> builder.accessTokenLifetime(Durations.parse(value(args, ++i, arg)));
                case "--refresh-token-ttl" -> builder.refreshTokenLifetime(Durations.parse(value(args, ++i, arg)));
                case "--operation-delay" -> builder.operationDelay(Durations.parse(value(args, ++i, arg)));
                case "--require-org-id" -> builder.requireOrgId(true);
                case "--refresh-reuse-error" -> builder.refreshReuseError(RefreshReuseError.parse(value(args, ++i, arg)));
                case "--no-seed" -> builder.seedData(false);
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        NeonSandbox sandbox = builder.start();
        out.println(banner(sandbox));
        out.flush();
        return sandbox;
    }

    static String banner(NeonSandbox s) {
        StringBuilder b = new StringBuilder();
        b.append("Neon sandbox is running (Ctrl-C to stop)\n");
        b.append("  Issuer:                 ").append(s.issuer()).append('\n');
        b.append("  Discovery:              ").append(s.issuer()).append(".well-known/openid-configuration\n");
        b.append("  Authorization endpoint: ").append(s.authorizationEndpoint()).append('\n');
        b.append("  Token endpoint:         ").append(s.tokenEndpoint()).append('\n');
        b.append("  API base URL:           ").append(s.apiBaseUri()).append('\n');
        b.append("  Clients:\n");
        for (SandboxClient c : s.clients()) {
            b.append("    ").append(c.clientId()).append(c.isPublic() ? "  (public, PKCE, no secret)" : "  (confidential")
                    .append(c.isPublic() ? "" : SandboxClient.DEFAULT_WEB_CLIENT_ID.equals(c.clientId())
                            ? ", secret " + SandboxClient.DEFAULT_WEB_CLIENT_SECRET + ")" : ", secret from the clients file)")
                    .append('\n');
            b.append("      redirect URIs: ").append(String.join(", ", c.redirectUris())).append('\n');
        }
        b.append("  Users:\n");
        for (SandboxUser u : s.users()) {
            b.append("    ").append(u.email());
            if (SandboxUser.DEFAULT_ID.equals(u.id()) && SandboxUser.DEFAULT_PASSWORD.equals(u.password())) {
                b.append(" / ").append(SandboxUser.DEFAULT_PASSWORD);
            }
            b.append('\n');
        }
        s.headlessApprovalUser().ifPresent(u -> b.append("  WARNING: headless approval is ON for ").append(u.email())
                .append(": authorization requests are approved without sign-in or consent\n"));
        b.append("  Configuration: ").append(s.describe());
        return b.toString();
    }

    static String usage() {
        return """
                Usage: java -jar neon-sandbox.jar [options]
                  --port N                    TCP port on 127.0.0.1 (default 4444; 0 picks a free port)
                  --clients FILE              registered clients JSON (default: bundled neon-oauth-web, neon-oauth-cli,
                                              neonctl)
                  --data FILE                 keep state in this H2 MVStore file across runs (default: memory only)
                  --headless-approval EMAIL   approve every authorization as this user, no pages (automation only)
                  --faults FILE               fault plan JSON (see docs/sandbox.md)
                  --access-token-ttl D        access token lifetime, e.g. 3600s, 5m, 1h (default 1h)
                  --refresh-token-ttl D       refresh token lifetime (default 30d)
                  --operation-delay D         how long API operations run (default 2s)
                  --require-org-id            answer 400 "org_id is required" like accounts in organizations
                  --refresh-reuse-error E     a reused or revoked refresh token is answered token_inactive (default:
                                              401, Hydra 1.x / fosite < 0.49) or invalid_grant (400, fosite >= 0.49);
                                              also from the environment variable NEON_SANDBOX_REFRESH_REUSE_ERROR
                  --no-seed                   start without seed data
                  --help                      show this text""";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got '" + v + "'");
        }
    }
}
