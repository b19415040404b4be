package dev.neonoauth.app.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started app-web: its address, and a graceful {@link #close()} that also closes what it started. */
public final class RunningApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningApp.class);
    private final WebApp app;
    private final WebConfig config;
    private final int port;
    private final List<AutoCloseable> resources;
    private boolean closed;

    RunningApp(WebApp app, WebConfig config, int port, List<AutoCloseable> resources) {
        this.app = app;
        this.config = config;
        this.port = port;
        this.resources = new ArrayList<>(resources);
    }

    public int port() {
        return port;
    }

    /** The URL to open: {@code http://127.0.0.1:<port>/} when bound to loopback or all interfaces. */
    public URI baseUri() {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }

    public WebApp app() {
        return app;
    }

    /** Stops serving (letting requests in flight finish), then closes the sandbox and stores it started. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        app.stop(config.shutdownGrace());
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
