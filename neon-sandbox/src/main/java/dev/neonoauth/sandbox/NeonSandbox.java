package dev.neonoauth.sandbox;

import dev.neonoauth.sandbox.internal.api.NeonApi;
import dev.neonoauth.sandbox.internal.api.NeonData;
import dev.neonoauth.sandbox.internal.http.AccessLog;
import dev.neonoauth.sandbox.internal.http.FaultInjector;
import dev.neonoauth.sandbox.internal.http.HttpSupport;
import dev.neonoauth.sandbox.internal.oauth.IdTokenSigner;
import dev.neonoauth.sandbox.internal.oauth.OAuthServer;
import dev.neonoauth.sandbox.internal.oauth.TokenService;
import dev.neonoauth.sandbox.internal.store.SandboxStore;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Neon's OAuth server (Ory Hydra behaviour) and Neon API v2, bound to 127.0.0.1.
 *
 * <pre>{@code
 * try (NeonSandbox sandbox = NeonSandbox.builder().start()) {
 *     URI issuer = sandbox.issuer();       // http://127.0.0.1:PORT/  (trailing slash, as Neon's)
 *     URI api = sandbox.apiBaseUri();      // http://127.0.0.1:PORT/api/v2
 * }
 * }</pre>
 *
 * The instance is thread-safe. See {@code docs/sandbox.md} for what it emulates and how it differs from Neon.
 */
public final class NeonSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NeonSandbox.class);
    /** The only address the sandbox binds to. */
    public static final String HOST = "127.0.0.1";

    private final Builder config;
    private final List<SandboxClient> clients;
    private final List<SandboxUser> users;
    private final SandboxUser headlessUser;
    private final FaultPlan faults;
    private final SandboxMetrics metrics = new SandboxMetrics();
    private volatile Javalin app;
    private volatile SandboxStore store;
    private volatile TokenService tokens;
    private volatile URI baseUri;
    private volatile boolean closed;

    private NeonSandbox(Builder b) {
        this.config = b;
        this.clients = b.clients != null ? b.clients
                : b.clientsFile != null ? SandboxClient.load(b.clientsFile) : SandboxClient.defaults();
        this.users = b.users != null ? b.users : List.of(SandboxUser.defaultUser());
        if (users.isEmpty()) {
            throw new IllegalArgumentException("at least one sandbox user is required");
        }
        this.headlessUser = b.headlessApproval == null ? null : users.stream()
                .filter(u -> u.id().equals(b.headlessApproval) || u.email().equalsIgnoreCase(b.headlessApproval))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("headless approval user not found: " + b.headlessApproval));
        this.faults = b.faults != null ? b.faults : FaultPlan.none();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the HTTP server (once) and returns this instance. */
    public synchronized NeonSandbox start() {
        if (closed) {
            throw new IllegalStateException("sandbox was closed");
        }
        if (app != null) {
            return this;
        }
        SandboxStore s = config.persistTo != null ? SandboxStore.file(config.persistTo) : SandboxStore.inMemory();
        try {
            IdTokenSigner signer = new IdTokenSigner(s);
            TokenService tokenService = new TokenService(s, config.clock,
                    new TokenService.Settings(config.accessTokenLifetime, config.refreshTokenLifetime,
                            config.authCodeLifetime, config.idTokenLifetime, config.refreshRaceWindow,
                            config.refreshReuseError),
                    faults, signer, this::issuer);
            NeonData data = new NeonData(s, config.clock, config.operationDelay);
            if (config.seedData) {
                data.seed(users);
            }
            OAuthServer oauth = new OAuthServer(clients, users, tokenService, signer, config.clock, this::baseUri,
                    config.loginConsentLifetime, headlessUser);
            NeonApi api = new NeonApi(data, tokenService, users, config.requireOrgId);
            FaultInjector injector = new FaultInjector(faults, metrics);
            Javalin server = Javalin.create(cfg -> {
                cfg.jetty.host = HOST;
                cfg.jetty.port = config.port;
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.requestLogger.http(AccessLog::log);
                cfg.routes.before(injector::before);
                cfg.routes.after(injector::after);
                oauth.register(cfg.routes);
                api.register(cfg.routes);
                cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                    if (ctx.path().startsWith(NeonApi.PREFIX)) {
                        NeonApi.writeError(ctx, e.getStatus(), e.getStatus() == 404 ? "NOT_FOUND" : "BAD_REQUEST",
                                e.getStatus() == 404 ? "not found" : e.getMessage());
                    } else {
                        ctx.status(e.getStatus()).contentType("text/plain; charset=utf-8").result(e.getMessage());
                    }
                });
                cfg.routes.exception(Exception.class, (e, ctx) -> {
                    LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                    if (ctx.path().startsWith(NeonApi.PREFIX)) {
                        NeonApi.writeError(ctx, 500, "INTERNAL_ERROR", "internal server error");
                    } else {
                        HttpSupport.json(ctx, 500, Map.of("error", "server_error", "error_description",
                                "The authorization server encountered an unexpected condition that prevented it from "
                                        + "fulfilling the request."));
                    }
                });
            });
            server.start();
            this.store = s;
            this.tokens = tokenService;
            this.baseUri = URI.create("http://" + HOST + ":" + server.port());
            this.app = server;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        if (headlessUser != null) {
            LOG.warn("HEADLESS APPROVAL IS ON: every valid authorization request is approved as {} without sign-in or "
                    + "consent. Use this only for automation.", headlessUser.email());
        }
        LOG.info("Neon sandbox listening on {} (issuer {})", baseUri, issuer());
        return this;
    }

    /** Stops the server and closes the store (a file store is committed). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (app != null) {
            app.stop();
            app = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public URI baseUri() {
        requireStarted();
        return baseUri;
    }

    /** The issuer, {@code http://127.0.0.1:PORT/} with a trailing slash, as Neon's {@code https://oauth2.neon.tech/}. */
    public URI issuer() {
        return URI.create(baseUri() + "/");
    }

    /** {@code http://127.0.0.1:PORT/api/v2}, the stand-in for {@code https://console.neon.tech/api/v2}. */
    public URI apiBaseUri() {
        return URI.create(baseUri() + NeonApi.PREFIX);
    }

    public URI authorizationEndpoint() {
        return URI.create(baseUri() + "/oauth2/auth");
    }

    public URI tokenEndpoint() {
        return URI.create(baseUri() + "/oauth2/token");
    }

    public URI revocationEndpoint() {
        return URI.create(baseUri() + "/oauth2/revoke");
    }

    public int port() {
        return baseUri().getPort();
    }

    public SandboxMetrics metrics() {
        return metrics;
    }

    /** The live fault plan; changes take effect on the next request. */
    public FaultPlan faults() {
        return faults;
    }

    public List<SandboxClient> clients() {
        return clients;
    }

    public List<SandboxUser> users() {
        return users;
    }

    /** The user headless approval signs in as, if that option is on. */
    public Optional<SandboxUser> headlessApprovalUser() {
        return Optional.ofNullable(headlessUser);
    }

    /** Marks every issued access token as expired, so clients must refresh (refresh tokens stay valid). */
    public void expireAccessTokens() {
        requireStarted();
        tokens.expireAccessTokens();
    }

    /** Revokes every grant: all access and refresh tokens and all unused authorization codes. */
    public void revokeAll() {
        requireStarted();
        tokens.revokeAll();
    }

    /** The effective configuration, for banners and diagnostics (no secrets). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accessTokenLifetime", config.accessTokenLifetime);
        m.put("refreshTokenLifetime", config.refreshTokenLifetime);
        m.put("authCodeLifetime", config.authCodeLifetime);
        m.put("operationDelay", config.operationDelay);
        m.put("persistTo", config.persistTo);
        m.put("headlessApproval", headlessUser == null ? "off" : headlessUser.email());
        m.put("requireOrgId", config.requireOrgId);
        m.put("refreshReuseError", config.refreshReuseError.errorCode());
        m.put("faults", faults.toString());
        return m;
    }

    private void requireStarted() {
        if (baseUri == null) {
            throw new IllegalStateException("sandbox not started");
        }
    }

    /** Options for a {@link NeonSandbox}; every option has a default that matches Hydra's or the issue's. */
    public static final class Builder {
        private int port;
        private List<SandboxClient> clients;
        private Path clientsFile;
        private List<SandboxUser> users;
        private Duration accessTokenLifetime = Duration.ofHours(1);
        private Duration refreshTokenLifetime = Duration.ofDays(30);
        private Duration authCodeLifetime = Duration.ofMinutes(10);
        private Duration idTokenLifetime = Duration.ofHours(1);
        private Duration loginConsentLifetime = Duration.ofMinutes(30);
        private Duration operationDelay = Duration.ofSeconds(2);
        private Duration refreshRaceWindow = Duration.ofMillis(25);
        private Clock clock = Clock.systemUTC();
        private String headlessApproval;
        private Path persistTo;
        private FaultPlan faults;
        private boolean seedData = true;
        private boolean requireOrgId;
        private RefreshReuseError refreshReuseError = RefreshReuseError.TOKEN_INACTIVE;

        private Builder() {
        }

        /** TCP port on 127.0.0.1; 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The registered OAuth clients (default: the bundled {@code neon-oauth-web}, {@code neon-oauth-cli} and
         * Neon's CLI, {@code neonctl}).
         */
        public Builder clients(List<SandboxClient> clients) {
            this.clients = List.copyOf(clients);
            return this;
        }

        /** Reads the registered clients from a JSON file (see {@link SandboxClient}). */
        public Builder clientsFile(Path file) {
            this.clientsFile = Objects.requireNonNull(file, "file == null");
            return this;
        }

        /** The users who can sign in (default: {@link SandboxUser#defaultUser()}). */
        public Builder users(List<SandboxUser> users) {
            this.users = List.copyOf(users);
            return this;
        }

        public Builder users(SandboxUser... users) {
            return users(List.of(users));
        }

        /** Access token lifetime (default 1 h, Hydra's {@code ttl.access_token}). */
        public Builder accessTokenLifetime(Duration d) {
            this.accessTokenLifetime = positive(d, "accessTokenLifetime");
            return this;
        }

        /** Refresh token lifetime (default 30 days, Hydra's 720h); a negative value means never. */
        public Builder refreshTokenLifetime(Duration d) {
            Objects.requireNonNull(d, "refreshTokenLifetime == null");
            if (d.isZero()) {
                throw new IllegalArgumentException("refreshTokenLifetime must not be zero");
            }
            this.refreshTokenLifetime = d;
            return this;
        }

        /** Authorization code lifetime (default 10 min). */
        public Builder authCodeLifetime(Duration d) {
            this.authCodeLifetime = positive(d, "authCodeLifetime");
            return this;
        }

        /** ID token lifetime (default 1 h). */
        public Builder idTokenLifetime(Duration d) {
            this.idTokenLifetime = positive(d, "idTokenLifetime");
            return this;
        }

        /** How long a started sign-in/consent may take (default 30 min, Hydra's {@code ttl.login_consent_request}). */
        public Builder loginConsentLifetime(Duration d) {
            this.loginConsentLifetime = positive(d, "loginConsentLifetime");
            return this;
        }

        /** How long API operations take: scheduling for the first quarter, then running, then finished (default 2 s). */
        public Builder operationDelay(Duration d) {
            Objects.requireNonNull(d, "operationDelay == null");
            if (d.isNegative()) {
                throw new IllegalArgumentException("operationDelay must not be negative");
            }
            this.operationDelay = d;
            return this;
        }

        /**
         * How long a refresh takes between reading and rotating the token (default 25 ms): the window in which a
         * second refresh of the same token gets Hydra's "multiple concurrent requests" {@code invalid_request}.
         */
        public Builder refreshRaceWindow(Duration d) {
            Objects.requireNonNull(d, "refreshRaceWindow == null");
            if (d.isNegative()) {
                throw new IllegalArgumentException("refreshRaceWindow must not be negative");
            }
            this.refreshRaceWindow = d;
            return this;
        }

        /** The clock for token, code and operation times (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * Approves every valid authorization request at once as this user (email or id), without sign-in or consent
         * pages. Off unless called. For automation only.
         */
        public Builder headlessApproval(String userEmailOrId) {
            this.headlessApproval = Objects.requireNonNull(userEmailOrId, "userEmailOrId == null");
            return this;
        }

        /** Keeps all state (tokens, projects, signing key) in this H2 MVStore file across restarts (default: memory only). */
        public Builder persistTo(Path mvStoreFile) {
            this.persistTo = Objects.requireNonNull(mvStoreFile, "mvStoreFile == null");
            return this;
        }

        /** The initial fault plan (default: none); it stays mutable through {@link NeonSandbox#faults()}. */
        public Builder faults(FaultPlan plan) {
            this.faults = Objects.requireNonNull(plan, "plan == null");
            return this;
        }

        /** Seed each user with an organization and three projects, one with a branch tree (default true). */
        public Builder seedData(boolean seed) {
            this.seedData = seed;
            return this;
        }

        /** Answer 400 "org_id is required" when a user in an organization lists or creates projects without org_id (default false). */
        public Builder requireOrgId(boolean require) {
            this.requireOrgId = require;
            return this;
        }

        /**
         * How a refresh token that is no longer active (reused, revoked) is refused; the grant is revoked either way.
         * Default {@link RefreshReuseError#TOKEN_INACTIVE}: 401 {@code token_inactive}, as the Hydra releases whose
         * discovery document the sandbox serves answer (fosite before 0.49).
         */
        public Builder refreshReuseError(RefreshReuseError answer) {
            this.refreshReuseError = Objects.requireNonNull(answer, "answer == null");
            return this;
        }

        public NeonSandbox build() {
            return new NeonSandbox(this);
        }

        /** {@code build().start()}. */
        public NeonSandbox start() {
            return build().start();
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
