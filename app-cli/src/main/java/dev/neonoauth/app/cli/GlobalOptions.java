package dev.neonoauth.app.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command takes; declared once on the root command and inherited by every subcommand. */
final class GlobalOptions {
    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Profile (one stored login per profile). Default: $NEON_PROFILE, else 'default'.")
    String profile;

    @Option(names = "--oauth-host", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "OAuth server. Default: $NEON_OAUTH_HOST, else https://oauth2.neon.tech "
                    + "(or the local sandbox when no client id is configured).")
    String oauthHost;

    @Option(names = "--api-host", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Neon API v2 base URL. Default: $NEON_API_HOST, else https://console.neon.tech/api/v2 "
                    + "(or the local sandbox's).")
    String apiHost;

    @Option(names = "--client-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "OAuth client id. Default: $NEON_CLIENT_ID; when neither is set, the sandbox profile.")
    String clientId;

    @Option(names = "--client-auth", paramLabel = "METHOD", scope = ScopeType.INHERIT,
            description = "How a client with a secret authenticates: client_secret_post, client_secret_basic or none. "
                    + "Default: $NEON_CLIENT_AUTH, else client_secret_post with a secret (how Neon registers partner "
                    + "clients), none without.")
    String clientAuth;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: table.")
    OutputFormat output = OutputFormat.table;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print the cause chain of errors (never a token or secret).")
    boolean verbose;
}
