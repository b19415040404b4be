package dev.neonoauth.app.web;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.jdbc.JdbcStorageModule;
import dev.neonoauth.adapter.jdbc.JdbcWebSessions;
import dev.neonoauth.adapter.neon.NeonApiConfig;
import dev.neonoauth.adapter.http.OAuthHttpModule;
import dev.neonoauth.adapter.neon.NeonApiModule;
import dev.neonoauth.app.web.session.JdbcSessionStore;
import dev.neonoauth.app.web.session.SessionStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place an injector is created. {@code java -jar neon-oauth-web.jar} with no
 * configuration runs the embedded default (an in-process Neon sandbox and the embedded database); with
 * {@code NEON_CLIENT_ID} and friends it talks to real Neon (see docs/app-web.md).
 *
 * <p>Start-up failures are told in one line on stderr, saying what is wrong and what to do, never as a stack trace;
 * {@link #launch} is the one place that turns them into that line (see {@link StartupFailure}). Exit codes:
 * <ul>
 *   <li>none while the app runs ({@link #main} returns; the server's threads keep the process alive);
 *   <li>{@code 2}, a configuration error: a value the operator gave is malformed, missing or inconsistent (a bad
 *       {@code PORT}, PostgreSQL without an encryption key set, a {@code HOST} that is not this machine's): fix the
 *       environment variables;
 *   <li>{@code 1}, an environment failure: the configuration is fine but the machine refused (the port is in use,
 *       the data directory cannot be written): fix the machine, or choose another port.
 * </ul>
 * The OAuth server is not contacted at start-up (discovery is lazy): an unreachable or misconfigured server fails the
 * first page that needs it, with an error page, not the start.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        Launch launch = launch(System.getenv(), System.out, System.err);
        launch.app().ifPresentOrElse(
                app -> Runtime.getRuntime().addShutdownHook(new Thread(app::close, "neon-oauth-web-shutdown")),
                () -> System.exit(launch.exitCode()));
    }

    /** What {@link #launch} did: the running app (exit code 0), or the exit code of a start that failed. */
    record Launch(int exitCode, Optional<RunningApp> app) {}

    /**
     * Starts the app as the command line does, from {@code env}: the address to open on {@code out}, or one line on
     * {@code err} and the exit code (see the class comment).
     */
    static Launch launch(Map<String, String> env, PrintStream out, PrintStream err) {
        WebConfig config = null;
        try {
            config = WebConfig.fromEnvironment(env);
            RunningApp app = start(config);
            String address = CanonicalOrigin.of(config.callbackUri(app.port())).origin() + "/";
            out.println("neon-oauth web app: open " + address + (config.embedded()
                    ? "  (sandbox sign-in: " + Embedded.SANDBOX_EMAIL + " / " + Embedded.SANDBOX_PASSWORD + ")" : ""));
            return new Launch(0, Optional.of(app));
        } catch (RuntimeException e) {
            StartupFailure failure = StartupFailure.of(e, config);
            LOG.debug("start-up failed", e);
            err.println("neon-oauth web app: " + failure.message());
            return new Launch(failure.exitCode(), Optional.empty());
        }
    }

    /**
     * Starts the app with the production adapters (and, in embedded mode, the in-process sandbox). The storage's
     * configuration is checked before anything starts (storage-jdbc keeps the embedded database's directory 0700 and
     * its files 0600).
     */
    public static RunningApp start(WebConfig config) {
        List<AutoCloseable> resources = new ArrayList<>();
        Map<String, String> env = new HashMap<>(config.environment());
        Module infrastructure;
        try {
            JdbcStorageConfig storage = JdbcStorageConfig.fromEnvironment(env);
            if (config.embedded()) {
                Embedded.startSandbox(env, resources);
            }
            infrastructure = productionInfrastructure(env, storage);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
        return start(config, infrastructure, resources);
    }

    /**
     * The production adapters, configured from {@code env}: oauth-http for Neon's OAuth server
     * ({@code NEON_OAUTH_HOST}, discovered at first use), the Neon API adapter ({@code NEON_API_HOST}), and
     * storage-jdbc for tokens, pending authorizations and sessions (the embedded H2 database by default, PostgreSQL when {@code NEON_OAUTH_JDBC_URL} names one). Sessions live in the database, so
     * they survive a restart and every instance sharing the database shares them.
     */
    static Module productionInfrastructure(Map<String, String> env) {
        return productionInfrastructure(env, JdbcStorageConfig.fromEnvironment(env));
    }

    private static Module productionInfrastructure(Map<String, String> env, JdbcStorageConfig storage) {
        NeonApiConfig neon = NeonApiConfig.fromEnvironment(env);
        return Modules.combine(
                new OAuthHttpModule(neon.oauthHttpConfig()),
                new NeonApiModule(neon),
                new JdbcStorageModule(storage),
                new AbstractModule() {
                    @Provides
                    @Singleton
                    SessionStore sessionStore(JdbcWebSessions sessions) {
                        return new JdbcSessionStore(sessions);
                    }
                });
    }

    /**
     * Starts the app with the given infrastructure module, which binds the adapters: AuthorizationServerSource,
     * TokenEndpoint, RevocationEndpoint, NeonApi, TokenStore, PendingAuthorizationStore and SessionStore.
     * It may also replace the web module's own bindings (a test clock, for instance). {@code resources} are
     * closed, last first, after the server stopped, or at once when the start fails.
     */
    public static RunningApp start(WebConfig config, Module infrastructure, List<AutoCloseable> resources) {
        List<AutoCloseable> owned = new ArrayList<>(resources);
        try {
            Injector injector = Guice.createInjector(Modules.override(new WebModule(config)).with(infrastructure));
            Binding<JdbcStorage> storage = injector.getExistingBinding(Key.get(JdbcStorage.class));
            if (storage != null) {
                owned.add(storage.getProvider().get());
            }
            WebApp app = injector.getInstance(WebApp.class);
            int port = app.start();
            return new RunningApp(app, config, port, owned);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
