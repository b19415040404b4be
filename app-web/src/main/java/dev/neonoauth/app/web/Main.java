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
import dev.neonoauth.adapter.neon.NeonApiModule;
import dev.neonoauth.app.web.session.JdbcSessionStore;
import dev.neonoauth.app.web.session.SessionStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place an injector is created. {@code java -jar neon-oauth-web.jar} with no
 * configuration runs the embedded default (an in-process Neon sandbox and the embedded database); with
 * {@code NEON_CLIENT_ID} and friends it talks to real Neon (see docs/app-web.md).
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        WebConfig config;
        try {
            config = WebConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("neon-oauth web app: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        RunningApp app = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "neon-oauth-web-shutdown"));
        System.out.println("neon-oauth web app: open " + app.baseUri()
                + (config.embedded() ? "  (sandbox sign-in: " + Embedded.SANDBOX_EMAIL + " / " + Embedded.SANDBOX_PASSWORD + ")" : ""));
    }

    /** Starts the app with the production adapters (and, in embedded mode, the in-process sandbox). */
    public static RunningApp start(WebConfig config) {
        List<AutoCloseable> resources = new ArrayList<>();
        Map<String, String> env = new HashMap<>(config.environment());
        try {
            if (config.embedded()) {
                Embedded.startSandbox(env, resources);
            }
            return start(config, productionInfrastructure(env), resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * The production adapters, configured from {@code env}: the Neon adapter ({@code NEON_OAUTH_HOST},
     * {@code NEON_API_HOST}), and storage-jdbc for tokens, pending authorizations and sessions (the embedded H2
     * database by default, PostgreSQL when {@code NEON_OAUTH_JDBC_URL} names one). Sessions live in the database, so
     * they survive a restart and every instance sharing the database shares them.
     */
    static Module productionInfrastructure(Map<String, String> env) {
        return Modules.combine(
                new NeonApiModule(NeonApiConfig.fromEnvironment(env)),
                new JdbcStorageModule(JdbcStorageConfig.fromEnvironment(env)),
                new AbstractModule() {
                    @Provides
                    @Singleton
                    SessionStore sessionStore(JdbcWebSessions sessions) {
                        return new JdbcSessionStore(sessions);
                    }
                });
    }

    /**
     * Starts the app with the given infrastructure module, which binds the adapters: AuthorizationServer,
     * TokenEndpoint, RevocationEndpoint, NeonApi, TokenStore, PendingAuthorizationStore and SessionStore.
     * It may also replace the web module's own bindings (a test clock, for instance). {@code resources} are
     * closed, last first, after the server stopped.
     */
    public static RunningApp start(WebConfig config, Module infrastructure, List<AutoCloseable> resources) {
        Injector injector = Guice.createInjector(Modules.override(new WebModule(config)).with(infrastructure));
        List<AutoCloseable> owned = new ArrayList<>(resources);
        Binding<JdbcStorage> storage = injector.getExistingBinding(Key.get(JdbcStorage.class));
        if (storage != null) {
            owned.add(storage.getProvider().get());
        }
        WebApp app = injector.getInstance(WebApp.class);
        try {
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
