package dev.neonoauth.benchmarks.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.neonoauth.core.domain.CodeVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The secrets audit of the reliability suites. Registered on every suite class, it
 * <ul>
 *   <li>sets {@code dev.neonoauth}, {@code com.zaxxer}, {@code org.flywaydb}, {@code okhttp3}, {@code io.javalin} and
 *       {@code org.eclipse.jetty} to DEBUG and attaches an appender to the root logger that scans every event
 *       (formatted message, arguments' text, throwable chain) as it is logged;
 *   <li>scans text given to {@link #scanText}: the captured stdout/stderr of every child JVM and CLI run;
 *   <li>fails the class (after all its tests) if any of these appeared: a sandbox token ({@code ory_at_},
 *       {@code ory_rt_}, {@code ory_ac_}), the web client's secret {@value #CLIENT_SECRET}, or an exact value
 *       registered with {@link #registerSecret} (the PKCE verifiers and states drawn from recorded randomness).
 * </ul>
 * Only matches are kept (redacted), so a DEBUG storm does not fill the heap.
 */
final class SecretsWatch implements BeforeAllCallback, AfterAllCallback {
    static final String CLIENT_SECRET = "sandbox-web-secret";
    private static final Pattern TOKENS = Pattern.compile("ory_(at|rt|ac)_[A-Za-z0-9_\\-.~+/=]{4,}");
    private static final String[] DEBUG_LOGGERS = {"dev.neonoauth", "com.zaxxer", "org.flywaydb", "okhttp3",
            "io.javalin", "org.eclipse.jetty"};

    private static final Set<String> exact = ConcurrentHashMap.newKeySet();
    private static final List<String> hits = new CopyOnWriteArrayList<>();
    private static final AtomicLong events = new AtomicLong();
    /** Hits in Jetty's own DEBUG output (raw HTTP buffers of the sandbox's and app-web's servers): reported, not fatal. */
    private static final AtomicLong jettyWireDumps = new AtomicLong();
    private static final AtomicLong hitCount = new AtomicLong();
    private static final AtomicLong processChars = new AtomicLong();
    private static final Map<String, AtomicLong> watched = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName();
        List<String> found = new ArrayList<>(hits);
        long total = hitCount.getAndSet(0);
        Figures.record(String.format("secrets audit (%s): %d log events at DEBUG and %d characters of process/CLI "
                        + "output scanned so far: %d secrets in the project's, the clients' and the libraries' logs "
                        + "and output; %d in Jetty's DEBUG wire dumps (raw HTTP buffers; app-web and the sandbox "
                        + "pin org.eclipse.jetty to WARN)", name, events.get(), processChars.get(), total,
                jettyWireDumps.get()));
        if (!found.isEmpty()) {
            hits.clear();
            throw new AssertionError(total + " secrets leaked into logs or output, e.g.:\n  "
                    + String.join("\n  ", found));
        }
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : DEBUG_LOGGERS) {
            context.getLogger(name).setLevel(Level.DEBUG);
        }
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                events.incrementAndGet();
                String text = event.getFormattedMessage();
                for (String counted : watched.keySet()) {
                    if (text != null && text.contains(counted)) {
                        watched.get(counted).incrementAndGet();
                    }
                }
                StringBuilder all = new StringBuilder(String.valueOf(text));
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    all.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                }
                if (event.getLoggerName().startsWith("org.eclipse.jetty.")) {
                    if (containsSecret(all.toString())) {
                        jettyWireDumps.incrementAndGet();
                    }
                    return;
                }
                check("log " + event.getLoggerName(), all.toString());
            }
        };
        appender.setName("secrets-watch");
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        // Jetty's DEBUG dumps raw HTTP buffers (bearer tokens, form bodies) by design: its events go to this scanner
        // only, never on to the console appenders, so raising it here cannot leak into test output (which the
        // full-suite audit, secrets-audit.sh, greps).
        Logger jetty = context.getLogger("org.eclipse.jetty");
        jetty.setAdditive(false);
        jetty.addAppender(appender);
        installed = true;
    }

    /** Scans text that did not go through logback: a child process's or a CLI run's output. */
    static void scanText(String source, String text) {
        processChars.addAndGet(text.length());
        check(source, text);
    }

    /** An exact value that must never be printed (a verifier, a state). */
    static void registerSecret(String value) {
        if (value != null && value.length() >= 16) {
            exact.add(value);
        }
    }

    /**
     * Registers the PKCE verifier the core derives from one buffer of recorded randomness. (The state is not a
     * secret in this sense: it travels in the authorization URL, which the CLI prints on purpose.)
     */
    static void registerVerifierEntropy(byte[] draw) {
        try {
            registerSecret(CodeVerifier.fromEntropy(draw).value());
        } catch (RuntimeException ignored) {
            // not a verifier-sized draw
        }
    }

    /** Counts log events whose message contains {@code substring}, from now on. */
    static AtomicLong count(String substring) {
        install();
        return watched.computeIfAbsent(substring, k -> new AtomicLong());
    }

    private static boolean containsSecret(String text) {
        if (TOKENS.matcher(text).find() || text.contains(CLIENT_SECRET)) {
            return true;
        }
        for (String secret : exact) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    private static void check(String source, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Matcher m = TOKENS.matcher(text);
        while (m.find()) {
            hit(source + ": token " + m.group().substring(0, 10) + "…");
        }
        if (text.contains(CLIENT_SECRET)) {
            hit(source + ": the client secret");
        }
        for (String secret : exact) {
            if (text.contains(secret)) {
                hit(source + ": a registered PKCE verifier " + secret.substring(0, 4) + "…");
            }
        }
    }

    private static void hit(String what) {
        hitCount.incrementAndGet();
        if (hits.size() < 50) {
            hits.add(what);
        }
    }
}
