package dev.neonoauth.app.cli;

import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.adapter.http.HttpLogLevel;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.neon.NeonApiConfig;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration of one run, resolved once from the global options and the environment. Precedence: command-line
 * option, then environment variable, then default. Without a client id (no {@code --client-id}, no
 * {@value #ENV_CLIENT_ID}) the CLI uses the <em>sandbox profile</em>: the sandbox's public client
 * {@value #SANDBOX_CLIENT_ID} and the local sandbox at {@value #SANDBOX_DEFAULT_URL}.
 */
final class CliSettings {
    static final String ENV_PROFILE = "NEON_PROFILE";
    static final String ENV_CLIENT_ID = "NEON_CLIENT_ID";
    static final String ENV_CLIENT_SECRET = "NEON_CLIENT_SECRET";
    static final String ENV_CLIENT_AUTH = "NEON_CLIENT_AUTH";
    static final String ENV_OAUTH_HOST = NeonApiConfig.ENV_OAUTH_HOST;
    static final String ENV_API_HOST = NeonApiConfig.ENV_API_HOST;
    static final String ENV_SCOPES = "NEON_SCOPES";
    static final String ENV_HTTP_LOG = NeonApiConfig.ENV_HTTP_LOG;
    static final String ENV_OPERATION_POLL = "NEON_OPERATION_POLL_INTERVAL";

    static final String DEFAULT_PROFILE = "default";
    /** The client the sandbox registers for this CLI (public, loopback redirect). */
    static final String SANDBOX_CLIENT_ID = "neon-oauth-cli";
    /** The port {@code neon-oauth sandbox} listens on by default (Ory Hydra's public port). */
    static final int SANDBOX_DEFAULT_PORT = 4444;
    static final String SANDBOX_DEFAULT_URL = "http://127.0.0.1:4444";
    /** The redirect URI the CLI's client registers; the loopback port varies (RFC 8252 section 7.3). */
    static final URI REGISTERED_REDIRECT = URI.create("http://127.0.0.1/callback");

    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Map<String, Scope> SHORT_SCOPES = Map.ofEntries(
            Map.entry("projects:create", NeonScopes.PROJECTS_CREATE),
            Map.entry("projects:read", NeonScopes.PROJECTS_READ),
            Map.entry("projects:update", NeonScopes.PROJECTS_UPDATE),
            Map.entry("projects:delete", NeonScopes.PROJECTS_DELETE),
            Map.entry("projects:permission", NeonScopes.PROJECTS_PERMISSION),
            Map.entry("orgs:create", NeonScopes.ORGS_CREATE),
            Map.entry("orgs:read", NeonScopes.ORGS_READ),
            Map.entry("orgs:update", NeonScopes.ORGS_UPDATE),
            Map.entry("orgs:delete", NeonScopes.ORGS_DELETE),
            Map.entry("orgs:permission", NeonScopes.ORGS_PERMISSION));

    private final String profile;
    private final boolean sandboxProfile;
    private final String clientId;
    private final Optional<ClientSecret> clientSecret;
    private final Optional<ClientAuthenticationMethod> clientAuth;
    private final URI oauthHost;
    private final URI apiHost;
    private final Map<String, String> env;

    private CliSettings(String profile, boolean sandboxProfile, String clientId, Optional<ClientSecret> clientSecret,
            Optional<ClientAuthenticationMethod> clientAuth, URI oauthHost, URI apiHost, Map<String, String> env) {
        this.profile = profile;
        this.sandboxProfile = sandboxProfile;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clientAuth = clientAuth;
        this.oauthHost = oauthHost;
        this.apiHost = apiHost;
        this.env = env;
    }

    /**
     * Resolves the settings from the global options as picocli left them (each the option's value, else its
     * environment variable's, already checked by {@link Converters}) and the environment variables that have no
     * option. What remains here is what depends on several values: without a client id the sandbox profile and its
     * hosts, the API host from the OAuth host, the client's authentication from the secret.
     *
     * @throws CliException (usage) when a value is malformed or the values do not fit together
     */
    static CliSettings resolve(GlobalOptions options, CliEnvironment environment) {
        String profile = options.profile == null ? DEFAULT_PROFILE : options.profile.strip();
        if (!isProfileName(profile)) {
            throw CliException.usage("invalid profile name '" + printable(profile)
                    + "': use letters, digits, '.', '_' or '-' (at most 64 characters)");
        }
        Optional<String> clientId = Optional.ofNullable(options.clientId).map(String::strip).filter(v -> !v.isEmpty());
        Optional<ClientSecret> secret = environment.variable(ENV_CLIENT_SECRET).map(ClientSecret::new);
        boolean sandbox = clientId.isEmpty();
        if (sandbox && secret.isPresent()) {
            throw CliException.usage(ENV_CLIENT_SECRET + " is set but no client id is: set " + ENV_CLIENT_ID
                    + " or --client-id too");
        }
        URI oauth = Optional.ofNullable(options.oauthHost)
                .orElseGet(() -> URI.create(sandbox ? SANDBOX_DEFAULT_URL : withoutSlash(NeonApiConfig.DEFAULT_ISSUER)));
        URI api = Optional.ofNullable(options.apiHost).orElseGet(() -> sandbox
                ? URI.create(withoutSlash(oauth) + "/api/v2") : NeonApiConfig.DEFAULT_API_BASE_URL);
        CliSettings settings = new CliSettings(profile, sandbox, clientId.orElse(SANDBOX_CLIENT_ID), secret,
                Optional.ofNullable(options.clientAuth), oauth, api, environment.env());
        settings.neonApiConfig(); // validates the hosts (https, or http on loopback only)
        settings.client(); // validates the client authentication against the secret
        return settings;
    }

    /** Letters, digits, '.', '_', '-'; at most 64. */
    static boolean isProfileName(String name) {
        return PROFILE_NAME.matcher(name).matches();
    }

    String profile() {
        return profile;
    }

    /** True when no client is configured and the local sandbox is used. */
    boolean sandboxProfile() {
        return sandboxProfile;
    }

    /**
     * Where the grant is stored: {@code profile:NAME}, or {@code sandbox:NAME} for the sandbox profile, so that a
     * sandbox login never stands in for a Neon login of the same profile name (nor is sent to Neon).
     */
    AccountKey account() {
        return AccountKey.of((sandboxProfile ? "sandbox:" : "profile:") + profile);
    }

    String clientId() {
        return clientId;
    }

    URI oauthHost() {
        return oauthHost;
    }

    URI apiHost() {
        return apiHost;
    }

    /**
     * A public client (or confidential, when {@value #ENV_CLIENT_SECRET} is set) with the loopback redirect. A client
     * with a secret authenticates with {@code --client-auth} / {@value #ENV_CLIENT_AUTH}, else with
     * {@code client_secret_post}, the method Neon registers partner clients with.
     */
    ClientRegistration client() {
        ClientRegistration.Builder builder = ClientRegistration.builder();
        builder.clientId(clientId).addRedirectUris(REGISTERED_REDIRECT);
        clientSecret.ifPresent(builder::clientSecret);
        builder.authenticationMethod(clientAuth.orElse(clientSecret.isPresent()
                ? ClientAuthenticationMethod.CLIENT_SECRET_POST : ClientAuthenticationMethod.NONE));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--client-auth / " + ENV_CLIENT_AUTH + ": " + e.getMessage());
        }
    }

    /**
     * The scopes {@code login} asks for: {@code --scopes} (whose default picocli takes from {@value #ENV_SCOPES}),
     * else Neon's CLI default.
     */
    static ScopeSet loginScopes(Optional<String> option) {
        return option.filter(v -> !v.isBlank()).map(CliSettings::parseScopes).orElse(NeonScopes.DEFAULT);
    }

    /**
     * Parses a scope list separated by spaces or commas. The short forms {@code projects:read} and
     * {@code orgs:read} stand for {@code urn:neoncloud:projects:read} and so on.
     */
    static ScopeSet parseScopes(String raw) {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String token : raw.trim().split("[\\s,]+")) {
            if (token.isEmpty()) {
                continue;
            }
            Scope scope = SHORT_SCOPES.get(token.toLowerCase(Locale.ROOT));
            try {
                scopes.add(scope != null ? scope : Scope.of(token));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("invalid scope '" + printable(token) + "': " + e.getMessage());
            }
        }
        if (scopes.isEmpty()) {
            throw CliException.usage("no scopes given");
        }
        return ScopeSet.of(scopes);
    }

    NeonApiConfig neonApiConfig() {
        NeonApiConfig.Builder builder = NeonApiConfig.builder()
                .issuer(oauthHost)
                // The sandbox uses Hydra's paths: no discovery round trip. Neon itself is discovered (once per run).
                .useDiscovery(!sandboxProfile)
                .apiBaseUrl(apiHost);
        Optional.ofNullable(env.get(ENV_HTTP_LOG)).filter(v -> !v.isBlank()).ifPresent(level -> {
            try {
                builder.httpLogLevel(HttpLogLevel.parse(level));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(ENV_HTTP_LOG + " must be one of none, basic, headers, body");
            }
        });
        Optional.ofNullable(env.get(ENV_OPERATION_POLL)).filter(v -> !v.isBlank())
                .ifPresent(v -> builder.operationPollInterval(duration(v, ENV_OPERATION_POLL)));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage() + " (check --oauth-host / " + ENV_OAUTH_HOST + " and --api-host / "
                    + ENV_API_HOST + ")");
        }
    }

    /**
     * storage-jdbc's configuration from the environment (embedded H2 in the data directory by default), with a pool
     * of two connections unless {@code NEON_OAUTH_JDBC_POOL_SIZE} says otherwise: a CLI run needs one for the refresh
     * lock and one to save under it, no more.
     */
    JdbcStorageConfig storageConfig() {
        Map<String, String> storageEnv = new HashMap<>(env);
        storageEnv.putIfAbsent(JdbcStorageConfig.ENV_POOL_SIZE, "2");
        try {
            return JdbcStorageConfig.fromEnvironment(storageEnv);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** The command that logs in to this profile again, for messages. */
    String loginCommand() {
        return "neon-oauth login" + (DEFAULT_PROFILE.equals(profile) ? "" : " --profile " + profile);
    }

    /**
     * Parses a duration: {@code 90s}, {@code 5m}, {@code 1h}, {@code 250ms}, a number of seconds, or ISO-8601
     * ({@code PT5M}).
     */
    static Duration duration(String raw, String what) {
        String v = raw.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw CliException.usage(what + ": '" + printable(raw) + "' is not a duration (e.g. 90s, 5m, PT5M)");
        }
    }

    private static String withoutSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** A user-supplied value for a message: at most 80 visible characters. */
    static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && sb.length() < 80; i++) {
            char c = value.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }
}
