package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import java.net.URI;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes; declared once on the root command and inherited by every subcommand (where the help
 * does not repeat them). Precedence is picocli's: the option, else the environment variable
 * ({@link EnvironmentDefaults}), else the annotation's default; values are checked by {@link Converters}.
 */
final class GlobalOptions {
    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT, defaultValue = CliSettings.DEFAULT_PROFILE,
            converter = Converters.ProfileName.class,
            description = "Profile (one stored login per profile). Default: $NEON_PROFILE, else 'default'.")
    String profile = CliSettings.DEFAULT_PROFILE;

    @Option(names = "--oauth-host", paramLabel = "URL", scope = ScopeType.INHERIT, converter = Converters.Url.class,
            description = "OAuth server. Default: $NEON_OAUTH_HOST, else https://oauth2.neon.tech "
                    + "(or the local sandbox when no client id is configured).")
    URI oauthHost;

    @Option(names = "--api-host", paramLabel = "URL", scope = ScopeType.INHERIT, converter = Converters.Url.class,
            description = "Neon API v2 base URL. Default: $NEON_API_HOST, else https://console.neon.tech/api/v2 "
                    + "(or the local sandbox's).")
    URI apiHost;

    @Option(names = "--client-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "OAuth client id. Default: $NEON_CLIENT_ID; when neither is set, the sandbox profile.")
    String clientId;

    @Option(names = "--client-auth", paramLabel = "METHOD", scope = ScopeType.INHERIT,
            converter = Converters.ClientAuth.class,
            description = "How a client with a secret authenticates: client_secret_post, client_secret_basic or none. "
                    + "Default: $NEON_CLIENT_AUTH, else client_secret_post with a secret (how Neon registers partner "
                    + "clients), none without.")
    ClientAuthenticationMethod clientAuth;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: table.")
    OutputFormat output = OutputFormat.table;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print the cause chain of errors (never a token or secret).")
    boolean verbose;
}
