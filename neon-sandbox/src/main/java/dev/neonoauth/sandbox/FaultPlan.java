package dev.neonoauth.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Which faults the sandbox injects, per route. Thread-safe and mutable while the sandbox runs
 * ({@link NeonSandbox#faults()}).
 *
 * <p>A route is {@code "*"} (every request) or {@code "METHOD PATH"}, where METHOD may be {@code *}, and PATH may use
 * {@code {name}} for one path segment and {@code *} for any run of characters (including {@code /}); for example
 * {@code "POST /oauth2/token"}, {@code "GET /api/v2/projects"}, {@code "DELETE /api/v2/projects/{id}"},
 * {@code "* /api/v2/*"}.
 *
 * <p>Besides request faults the plan can shorten token lifetimes at run time
 * ({@link #accessTokenLifetime(Duration)}, {@link #refreshTokenLifetime(Duration)}); these override the builder's
 * lifetimes for tokens issued from then on.
 *
 * <p>JSON form ({@link #parse(String)}, {@code --faults FILE}):
 * <pre>{@code
 * {"seed": 42, "accessTokenLifetime": "30s", "refreshTokenLifetime": "10m",
 *  "rules": [
 *    {"route": "POST /oauth2/token", "latency": "200ms"},
 *    {"route": "GET /api/v2/projects", "status": 503, "probability": 0.25},
 *    {"route": "* /api/v2/*", "status": 429, "retryAfter": "2s", "times": 3},
 *    {"route": "GET /api/v2/users/me", "drop": true, "times": 1},
 *    {"route": "GET /api/v2/projects/{id}", "truncate": true}
 *  ]}
 * }</pre>
 */
public final class FaultPlan {

    /** A route pattern with its rule. */
    public record Entry(String route, FaultRule rule) {
    }

    /** What to do with one request: a delay, then at most one terminal fault ({@code null} when none fires). */
    public record Decision(Duration latency, FaultRule terminal) {
        public boolean isNone() {
            return latency.isZero() && terminal == null;
        }
    }

    private record Compiled(Entry entry, String method, Pattern path) {
    }

    private final List<Compiled> rules = new CopyOnWriteArrayList<>();
    private volatile Random random = new Random();
    private volatile Duration accessTokenLifetime;
    private volatile Duration refreshTokenLifetime;

    /** An empty plan: no faults. */
    public static FaultPlan none() {
        return new FaultPlan();
    }

    /** Adds a rule for a route; rules are checked in the order they were added. */
    public FaultPlan on(String route, FaultRule rule) {
        Objects.requireNonNull(rule, "rule == null");
        rules.add(compile(route, rule));
        return this;
    }

    /** Removes every rule and lifetime override. */
    public FaultPlan clear() {
        rules.clear();
        accessTokenLifetime = null;
        refreshTokenLifetime = null;
        return this;
    }

    /** Makes probabilistic rules reproducible. */
    public FaultPlan seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Overrides the access-token lifetime for tokens issued from now on ("short token lifetimes" fault). */
    public FaultPlan accessTokenLifetime(Duration lifetime) {
        accessTokenLifetime = positive(lifetime, "accessTokenLifetime");
        return this;
    }

    /** Overrides the refresh-token lifetime for tokens issued from now on. */
    public FaultPlan refreshTokenLifetime(Duration lifetime) {
        refreshTokenLifetime = positive(lifetime, "refreshTokenLifetime");
        return this;
    }

    public Optional<Duration> accessTokenLifetimeOverride() {
        return Optional.ofNullable(accessTokenLifetime);
    }

    public Optional<Duration> refreshTokenLifetimeOverride() {
        return Optional.ofNullable(refreshTokenLifetime);
    }

    public List<Entry> entries() {
        return rules.stream().map(Compiled::entry).toList();
    }

    /** Copies the rules and overrides of {@code other} into this plan (replacing its own). */
    public FaultPlan replaceWith(FaultPlan other) {
        rules.clear();
        rules.addAll(other.rules);
        random = other.random;
        accessTokenLifetime = other.accessTokenLifetime;
        refreshTokenLifetime = other.refreshTokenLifetime;
        return this;
    }

    /** Decides the faults for one request. Every matching latency rule that fires adds up; the first terminal rule that fires wins. */
    public Decision decide(String method, String path) {
        Duration latency = Duration.ZERO;
        FaultRule terminal = null;
        Random r = random;
        for (Compiled c : rules) {
            if (!matches(c, method, path)) {
                continue;
            }
            FaultRule rule = c.entry().rule();
            if (rule.kind() == FaultRule.Kind.LATENCY) {
                if (rule.fire(r::nextDouble)) {
                    latency = latency.plus(rule.latency());
                }
            } else if (terminal == null && rule.fire(r::nextDouble)) {
                terminal = rule;
            }
        }
        return new Decision(latency, terminal);
    }

    /** Parses the JSON form described in the class comment. */
    public static FaultPlan parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("faults JSON is not valid: " + e.getMessage(), e);
        }
        FaultPlan plan = new FaultPlan();
        if (root.has("seed")) {
            plan.seed(root.get("seed").asLong());
        }
        if (root.hasNonNull("accessTokenLifetime")) {
            plan.accessTokenLifetime(Durations.parse(root.get("accessTokenLifetime").asText()));
        }
        if (root.hasNonNull("refreshTokenLifetime")) {
            plan.refreshTokenLifetime(Durations.parse(root.get("refreshTokenLifetime").asText()));
        }
        for (JsonNode r : root.path("rules")) {
            String route = r.path("route").asText("*");
            FaultRule rule;
            if (r.has("latency")) {
                rule = FaultRule.latency(Durations.parse(r.get("latency").asText()));
            } else if (r.has("status")) {
                rule = FaultRule.status(r.get("status").asInt());
                if (r.has("retryAfter")) {
                    rule = rule.retryAfter(Durations.parse(r.get("retryAfter").asText()));
                }
            } else if (r.path("drop").asBoolean(false)) {
                rule = FaultRule.dropConnection();
            } else if (r.path("truncate").asBoolean(false)) {
                rule = FaultRule.truncatedBody();
            } else {
                throw new IllegalArgumentException("fault rule for '" + route + "' needs one of latency, status, drop, truncate");
            }
            if (r.has("probability")) {
                rule = rule.withProbability(r.get("probability").asDouble());
            }
            if (r.has("times")) {
                rule = rule.times(r.get("times").asInt());
            }
            plan.on(route, rule);
        }
        return plan;
    }

    public static FaultPlan load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read faults file " + file, e);
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Compiled c : rules) {
            parts.add(c.entry().route() + " -> " + c.entry().rule());
        }
        if (accessTokenLifetime != null) {
            parts.add("access token lifetime " + accessTokenLifetime);
        }
        if (refreshTokenLifetime != null) {
            parts.add("refresh token lifetime " + refreshTokenLifetime);
        }
        return parts.isEmpty() ? "FaultPlan[none]" : "FaultPlan" + parts;
    }

    private static boolean matches(Compiled c, String method, String path) {
        if (c.method() != null && !c.method().equalsIgnoreCase(method)) {
            return false;
        }
        return c.path() == null || c.path().matcher(path).matches();
    }

    private static Compiled compile(String route, FaultRule rule) {
        Objects.requireNonNull(route, "route == null");
        String r = route.trim();
        if (r.equals("*")) {
            return new Compiled(new Entry(r, rule), null, null);
        }
        int space = r.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("route must be '*' or 'METHOD /path', got '" + route + "'");
        }
        String method = r.substring(0, space).toUpperCase(Locale.ROOT);
        String path = r.substring(space + 1).trim();
        if (!path.startsWith("/") && !path.equals("*")) {
            throw new IllegalArgumentException("route path must start with '/', got '" + route + "'");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == '*') {
                regex.append(".*");
            } else if (ch == '{') {
                int end = path.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' in route '" + route + "'");
                }
                regex.append("[^/]+");
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return new Compiled(new Entry(r, rule), method.equals("*") ? null : method, Pattern.compile(regex.toString()));
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " == null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }
}
