package dev.neonoauth.benchmarks.load;

import dev.neonoauth.adapter.jdbc.KeyRotation;
import dev.neonoauth.app.web.WebConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load and soak harness, loopback only: app-web in-process ({@code dev.neonoauth.app.web.Main.start}) or in its own
 * process (by default in embedded mode: the in-process neon-sandbox with headless approval, the Retrofit Neon adapter,
 * storage-jdbc's embedded H2 database in a temporary directory, sessions in that database), driven by simulated browsers on one JDK
 * HttpClient. Bounded by count and time; stops by itself.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.load.LoadMain login --threads 8 --duration 60s
 * java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.load.LoadMain pages --threads 8 --duration 60s
 * java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.load.LoadMain soak  --rate 20 --duration 600s
 * </pre>
 *
 * <ul>
 *   <li>{@code login}: closed loop, each operation a full login of a new browser (landing page, Connect, sandbox
 *       authorize with headless approval, callback with token exchange and new session, first projects page).
 *   <li>{@code pages}: {@code --threads} browsers log in once, then each operation is {@code GET /projects} (session
 *       lookup, token from the store, {@code GET /api/v2/projects} at the sandbox, page rendering).
 *   <li>{@code soak}: open loop at {@code --rate} operations per second: of every 50, 44 page views, 5 full logins and
 *       1 abandoned login (Connect, never comes back: its pending authorization must be purged after the TTL). Every
 *       {@code --sample} it records RSS, heap after a full GC, pending-authorization rows (all, and expired ones) and
 *       session rows. Pass criteria: zero errors; heap after GC in the last minute at most 10 % + 8 MiB above the
 *       first minute; expired pending rows never more than the purge interval's worth.
 * </ul>
 *
 * Options: {@code --threads N} (default 8), {@code --count N} operations at most (default unbounded), {@code --duration
 * D} (default 60s), {@code --warmup D} (default 10s, not measured; soak: none), {@code --rate R} (soak, default 20),
 * {@code --sample D} (soak, default 30s), {@code --db h2|postgres} (default h2; postgres: a schema of its own on
 * {@code --jdbc-url}, else {@code NEON_OAUTH_TEST_JDBC_URL}, else {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres},
 * dropped afterwards), {@code --sandbox embedded|process} (default embedded; process: the sandbox runs in a JVM of its
 * own and app-web talks to it as a registered client, so this process's memory is app-web's and the load
 * generator's), {@code --state-ttl D} (app-web's {@code NEON_OAUTH_STATE_TTL_SECONDS}, default 600s),
 * {@code --session-idle-minutes N} (default 30), {@code --purge-interval D} (pending-authorization purge, default
 * 30s), {@code --app inprocess|process} (default inprocess; process: app-web runs in a process of its own, started
 * by {@code --launcher PATH}, default {@code app-web/bin/neon-oauth-web}, the way a user starts it; RSS, heap, CPU and
 * file size are then app-web's alone). Soak pass criteria also bound all pending rows by abandoned logins per second x
 * (TTL + purge interval + sample). Every run reports app-web's CPU time per operation ({@code cpuPerOp}: with
 * {@code --app process} app-web's process alone, else this whole JVM) and the embedded database's file size
 * ({@code dbFile}). Exit status 0 when the run passed, 1 otherwise.
 */
public final class LoadMain {
    private LoadMain() {}

    /** What to run. */
    public record Options(String mode, int threads, long count, Duration duration, Duration warmup, double rate,
            Duration sample, String db, String jdbcUrl, boolean sandboxProcess, Duration stateTtl, int sessionIdleMinutes,
            Duration purgeInterval, boolean appProcess, Path launcher) {
        private static final String USAGE = "usage: LoadMain login|pages|soak [--threads N] [--count N] [--duration D]"
                + " [--warmup D] [--rate R] [--sample D] [--db h2|postgres] [--jdbc-url URL] [--sandbox embedded|process]"
                + " [--state-ttl D] [--session-idle-minutes N] [--purge-interval D] [--app inprocess|process]"
                + " [--launcher PATH]";

        public static Options parse(String... args) {
            if (args.length == 0 || !List.of("login", "pages", "soak").contains(args[0]) || args.length % 2 == 0) {
                throw new IllegalArgumentException(USAGE);
            }
            Map<String, String> o = new HashMap<>();
            for (int i = 1; i + 1 < args.length; i += 2) {
                if (!USAGE.contains("[" + args[i] + " ")) {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
                o.put(args[i], args[i + 1]);
            }
            boolean soak = args[0].equals("soak");
            String db = o.getOrDefault("--db", "h2");
            String sandbox = o.getOrDefault("--sandbox", "embedded");
            String app = o.getOrDefault("--app", "inprocess");
            if (!List.of("h2", "postgres").contains(db) || !List.of("embedded", "process").contains(sandbox)
                    || !List.of("inprocess", "process").contains(app)) {
                throw new IllegalArgumentException(USAGE);
            }
            String testUrl = System.getenv("NEON_OAUTH_TEST_JDBC_URL");
            Options parsed = new Options(args[0],
                    Integer.parseInt(o.getOrDefault("--threads", "8")),
                    Long.parseLong(o.getOrDefault("--count", String.valueOf(Long.MAX_VALUE))),
                    duration(o.getOrDefault("--duration", "60s")),
                    duration(o.getOrDefault("--warmup", soak ? "0s" : "10s")),
                    Double.parseDouble(o.getOrDefault("--rate", "20")),
                    duration(o.getOrDefault("--sample", "30s")),
                    db,
                    o.getOrDefault("--jdbc-url", testUrl != null && !testUrl.isBlank() ? testUrl : DEFAULT_POSTGRES_URL),
                    sandbox.equals("process"),
                    duration(o.getOrDefault("--state-ttl", "600s")),
                    Integer.parseInt(o.getOrDefault("--session-idle-minutes", "30")),
                    duration(o.getOrDefault("--purge-interval", "30s")),
                    app.equals("process"),
                    Path.of(o.getOrDefault("--launcher", DEFAULT_LAUNCHER)));
            parsed.validate();
            return parsed;
        }

        private void validate() {
            if (threads < 1 || count < 1 || !(rate > 0) || sessionIdleMinutes < 1 || duration.isZero()
                    || duration.isNegative() || warmup.isNegative() || sample.isZero() || sample.isNegative()
                    || purgeInterval.isNegative() || stateTtl.toMillis() < 1000 || stateTtl.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("threads, count, rate, duration, sample and session idle must be"
                        + " positive, and the state TTL whole seconds (at least 1s); " + USAGE);
            }
        }

        static Duration duration(String s) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("duration like 500ms, 30s, 10m: " + s);
            };
        }
    }

    /** One soak sample; memory and file size are app-web's (its own process with {@code --app process}). */
    public record Sample(double elapsedSeconds, long operations, long errors, double rssMiB, double heapAfterGcMiB,
            long pendingRows, long expiredPendingRows, long sessionRows, double dbFileMiB) {}

    /** The outcome of a run. */
    public record Summary(String mode, long operations, long errors, double seconds, double perSecond, double p50Millis,
            double p99Millis, double rssBeforeMiB, double rssAfterMiB, double heapBeforeMiB, double heapAfterMiB,
            double cpuMillisPerOperation, double dbFileMiB, List<Sample> samples, List<String> failures,
            boolean passed) {}

    public static void main(String[] args) {
        Options options = Options.parse(args);
        Summary s = run(options);
        System.exit(s.passed() ? 0 : 1);
    }

    /** The PostgreSQL of {@code .ci/run} and of this machine kind; {@code --jdbc-url} or the test variable override it. */
    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    /** How a user starts app-web (docs/app-web.md), relative to the repository root. */
    static final String DEFAULT_LAUNCHER = "app-web/bin/neon-oauth-web";

    /** Starts the stack, runs, prints and returns the summary, stops everything (also when starting fails). */
    public static Summary run(Options options) {
        Path dir;
        try {
            dir = Files.createTempDirectory("neon-oauth-load-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Database database = null;
        SandboxProcess sandbox = null;
        Target app = null;
        ExecutorService workers = null;
        try {
            database = options.db().equals("postgres") ? Database.postgres(options.jdbcUrl()) : Database.h2(dir);
            Map<String, String> env = new HashMap<>();
            env.put("NEON_OAUTH_DATA_DIR", dir.toString());
            env.putAll(database.env());
            env.put("NEON_OAUTH_KEYSET", KeyRotation.newKeyset());
            env.put("NEON_OAUTH_PURGE_INTERVAL", options.purgeInterval().toString());
            env.put("NEON_OAUTH_STATE_TTL_SECONDS", String.valueOf(options.stateTtl().toSeconds()));
            env.put("NEON_OAUTH_SESSION_IDLE_MINUTES", String.valueOf(options.sessionIdleMinutes()));
            if (options.sandboxProcess()) {
                // app-web as in production: a registered client at a separate OAuth server, here the sandbox's own
                // process, so that this JVM's heap and RSS are app-web's (and the load generator's) alone
                sandbox = SandboxProcess.start(dir);
                int port = SandboxProcess.freePort();
                env.put("PORT", String.valueOf(port));
                env.put("HOST", "127.0.0.1");
                env.put("NEON_CLIENT_ID", "neon-oauth-web");
                env.put("NEON_CLIENT_SECRET", "sandbox-web-secret");
                env.put("NEON_REDIRECT_URI", "http://127.0.0.1:" + port + WebConfig.CALLBACK_PATH);
                env.put("NEON_OAUTH_HOST", sandbox.base().toString());
                env.put("NEON_API_HOST", sandbox.base() + "/api/v2");
            } else {
                env.put("PORT", options.appProcess() ? String.valueOf(SandboxProcess.freePort()) : "0");
                env.put("NEON_SANDBOX_HEADLESS_APPROVAL", "sandbox@example.com");
            }
            double rssBefore = ProcessMemory.rssMiB();
            app = options.appProcess()
                    ? Target.process(AppProcess.start(options.launcher(), env, Integer.parseInt(env.get("PORT")), dir), dir)
                    : Target.inProcess(dev.neonoauth.app.web.Main.start(WebConfig.fromEnvironment(env)), dir);
            if (options.appProcess()) {
                rssBefore = app.rssMiB();
            }
            workers = Executors.newFixedThreadPool(options.threads());
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(2, r -> {
                        Thread t = new Thread(r, "load-http");
                        t.setDaemon(true);
                        return t;
                    })).build();
            URI base = app.base();
            System.out.printf(Locale.ROOT, "load: mode=%s threads=%d duration=%s warmup=%s rate=%s db=%s sandbox=%s "
                    + "stateTtl=%s sessionIdle=%dmin purge=%s app=%s%s cores=%d maxHeap=%dMiB%n",
                    options.mode(), options.threads(), options.duration(), options.warmup(),
                    options.mode().equals("soak") ? options.rate() : "-", options.db(),
                    options.sandboxProcess() ? "process " + sandbox.base() : "embedded", options.stateTtl(),
                    options.sessionIdleMinutes(), options.purgeInterval(), base,
                    options.appProcess() ? " (own process, pid " + app.pid() + ", " + options.launcher() + ")" : " (in this JVM)",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            Summary s = options.mode().equals("soak")
                    ? soak(options, http, base, workers, database, rssBefore, app)
                    : closedLoop(options, http, base, workers, rssBefore, app);
            print(s);
            return s;
        } finally {
            stopAll(workers, app, sandbox, database, dir);
        }
    }

    /** Each step runs even when an earlier one fails; the first failure is thrown with the others suppressed. */
    private static void stopAll(ExecutorService workers, Target app, SandboxProcess sandbox, Database database,
            Path dir) {
        List<Runnable> steps = new ArrayList<>();
        if (workers != null) {
            steps.add(workers::shutdownNow);
        }
        if (app != null) {
            steps.add(app::close);
        }
        if (sandbox != null) {
            steps.add(sandbox::close);
        }
        if (database != null) {
            steps.add(database::drop);
        }
        steps.add(() -> {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        });
        RuntimeException first = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static Summary closedLoop(Options o, HttpClient http, URI base, ExecutorService workers, double rssBefore,
            Target app) {
        boolean login = o.mode().equals("login");
        List<WebUser> users = new ArrayList<>();
        if (!login) {
            for (int i = 0; i < o.threads(); i++) {
                WebUser u = new WebUser(http, base);
                u.login();
                users.add(u);
            }
        }
        Percentiles latencies = new Percentiles();
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long warmupEnd = System.nanoTime() + o.warmup().toNanos();
        long end = warmupEnd + o.duration().toNanos();
        double heapBefore = Double.NaN;
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        long[] measuredStart = {0};
        for (int t = 0; t < o.threads(); t++) {
            WebUser own = login ? null : users.get(t);
            running.add(workers.submit(() -> {
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    boolean measured = System.nanoTime() >= warmupEnd;
                    if (measured && ops.get() + errors.get() >= o.count()) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    try {
                        if (login) {
                            new WebUser(http, base).login();
                        } else {
                            own.projectsPage();
                        }
                        if (measured) {
                            latencies.record(System.nanoTime() - t0);
                            ops.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        if (measured) {
                            errors.incrementAndGet();
                            if (failures.size() < 10) {
                                failures.add(e.getMessage());
                            }
                        }
                    }
                }
            }));
        }
        sleepUntil(warmupEnd);
        measuredStart[0] = System.nanoTime();
        heapBefore = app.heapAfterGcMiB();
        double cpuStart = app.cpuMillis();
        long opsStart = ops.get();
        for (var f : running) {
            try {
                f.get();
            } catch (Exception e) {
                failures.add("worker: " + e);
            }
        }
        double seconds = (System.nanoTime() - measuredStart[0]) / 1e9;
        double cpuPerOperation = (app.cpuMillis() - cpuStart) / Math.max(1, ops.get() - opsStart);
        double rssAfter = app.rssMiB();
        double dbFile = app.dbFileMiB();
        double heapAfter = app.heapAfterGcMiB();
        return new Summary(o.mode(), ops.get(), errors.get(), seconds, ops.get() / seconds, latencies.millis(50),
                latencies.millis(99), rssBefore, rssAfter, heapBefore, heapAfter, cpuPerOperation, dbFile, List.of(),
                List.copyOf(failures), errors.get() == 0 && ops.get() > 0);
    }

    private static Summary soak(Options o, HttpClient http, URI base, ExecutorService workers, Database database,
            double rssBefore, Target app) {
        int poolSize = Math.max(o.threads(), 4);
        BlockingQueue<WebUser> pool = new ArrayBlockingQueue<>(poolSize * 4);
        for (int i = 0; i < poolSize; i++) {
            WebUser u = new WebUser(http, base);
            u.login();
            pool.add(u);
        }
        // opened after the first logins: the embedded database (and its password file) exists from its first use
        try (Connection db = database.connect()) {
            return soak(o, http, base, workers, db, rssBefore, app, pool);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the load database for counting: " + e.getMessage(), e);
        }
    }

    private static Summary soak(Options o, HttpClient http, URI base, ExecutorService workers, Connection db,
            double rssBefore, Target app, BlockingQueue<WebUser> pool) {
        Percentiles latencies = new Percentiles();
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + o.duration().toNanos();
        long periodNanos = (long) (1e9 / o.rate());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-ticker");
            t.setDaemon(true);
            return t;
        });
        try {
            ThreadPoolExecutor pool2 = (ThreadPoolExecutor) workers;
            ticker.scheduleAtFixedRate(() -> {
                if (System.nanoTime() >= end || sequence.get() >= o.count()) {
                    return;
                }
                long n = sequence.getAndIncrement();
                if (pool2.getQueue().size() > o.rate() * 5) { // more than 5 s behind: the system cannot keep the rate
                    errors.incrementAndGet();
                    if (failures.size() < 10) {
                        failures.add("overload: more than 5 s of operations queued");
                    }
                    return;
                }
                workers.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        int kind = (int) (n % 50);
                        if (kind == 25) {
                            new WebUser(http, base).start(); // abandoned login
                        } else if (kind % 10 == 0) {
                            WebUser u = new WebUser(http, base);
                            u.login();
                            if (!pool.offer(u)) {
                                pool.poll(); // keep the pool bounded: the oldest session is simply no longer used
                                pool.offer(u);
                            }
                        } else {
                            WebUser u = pool.take();
                            try {
                                u.projectsPage();
                            } finally {
                                pool.offer(u);
                            }
                        }
                        latencies.record(System.nanoTime() - t0);
                        ops.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        if (failures.size() < 10) {
                            failures.add(e.getMessage());
                        }
                    }
                });
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            double cpuStart = app.cpuMillis();
            samples.add(sample(start, ops, errors, db, app));
            long nextSample = start + o.sample().toNanos();
            while (nextSample < end) {
                sleepUntil(nextSample);
                samples.add(sample(start, ops, errors, db, app));
                printSample(samples.get(samples.size() - 1));
                nextSample += o.sample().toNanos();
            }
            sleepUntil(end);
            ticker.shutdownNow();
            workers.shutdown();
            try {
                workers.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            double cpuPerOperation = (app.cpuMillis() - cpuStart) / Math.max(1, ops.get());
            Sample last = sample(start, ops, errors, db, app);
            samples.add(last);
            printSample(last);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> verdict = new ArrayList<>(failures);
            double firstMinute = samples.stream().filter(s -> s.elapsedSeconds() <= 60)
                    .mapToDouble(Sample::heapAfterGcMiB).max().orElse(Double.NaN);
            double lastMinute = samples.stream().filter(s -> s.elapsedSeconds() >= seconds - 61)
                    .mapToDouble(Sample::heapAfterGcMiB).max().orElse(Double.NaN);
            boolean flat = lastMinute <= firstMinute * 1.10 + 8;
            if (!flat) {
                verdict.add(String.format(Locale.ROOT, "heap after GC grew: first minute %.1f MiB, last minute %.1f MiB",
                        firstMinute, lastMinute));
            }
            // Abandoned logins create o.rate()/50 rows per second; a purge every purge interval may leave that many
            // seconds' worth of expired rows (plus one sample's slack), never more; and no more rows in all than the
            // TTL, the purge interval and a sample period can hold.
            double abandonedPerSecond = o.rate() / 50.0;
            double slackSeconds = (o.purgeInterval().toMillis() + o.sample().toMillis()) / 1000.0;
            long expiredBound = (long) Math.ceil(abandonedPerSecond * slackSeconds) + 2;
            // logins in flight (at most one per worker thread) also hold a pending row while a sample is taken
            long pendingBound = (long) Math.ceil(abandonedPerSecond * (o.stateTtl().toMillis() / 1000.0 + slackSeconds))
                    + 2 + o.threads();
            long maxExpired = samples.stream().mapToLong(Sample::expiredPendingRows).max().orElse(0);
            long maxPending = samples.stream().mapToLong(Sample::pendingRows).max().orElse(0);
            if (maxExpired > expiredBound) {
                verdict.add("expired pending authorizations piled up: " + maxExpired + " > " + expiredBound);
            }
            if (maxPending > pendingBound) {
                verdict.add("pending authorizations grew beyond the TTL: " + maxPending + " > " + pendingBound);
            }
            System.out.printf(Locale.ROOT, "  bounds: pending rows at most %d (seen %d), expired pending at most %d"
                    + " (seen %d)%n", pendingBound, maxPending, expiredBound, maxExpired);
            boolean passed = errors.get() == 0 && flat && maxExpired <= expiredBound && maxPending <= pendingBound
                    && ops.get() > 0;
            return new Summary("soak", ops.get(), errors.get(), seconds, ops.get() / seconds, latencies.millis(50),
                    latencies.millis(99), rssBefore, last.rssMiB(), firstMinute, lastMinute, cpuPerOperation,
                    last.dbFileMiB(), List.copyOf(samples), List.copyOf(verdict), passed);
        } finally {
            ticker.shutdownNow();
        }
    }

    private static Sample sample(long start, AtomicLong ops, AtomicLong errors, Connection db, Target app) {
        double heap = app.heapAfterGcMiB();
        return new Sample((System.nanoTime() - start) / 1e9, ops.get(), errors.get(), app.rssMiB(), heap,
                count(db, "select count(*) from neon_oauth_pending_authorization", false),
                count(db, "select count(*) from neon_oauth_pending_authorization where expires_at < ?", true),
                count(db, "select count(*) from neon_oauth_web_session", false), app.dbFileMiB());
    }

    private static long count(Connection db, String sql, boolean now) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            if (now) {
                st.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1; // table missing (e.g. no session table in this version): reported as -1
        }
    }

    private static void printSample(Sample s) {
        System.out.printf(Locale.ROOT, "  t=%5.0fs ops=%d errors=%d rss=%.1fMiB heapAfterGC=%.1fMiB pending=%d "
                + "expiredPending=%d sessions=%d dbFile=%.1fMiB%n", s.elapsedSeconds(), s.operations(), s.errors(),
                s.rssMiB(), s.heapAfterGcMiB(), s.pendingRows(), s.expiredPendingRows(), s.sessionRows(),
                s.dbFileMiB());
    }

    private static void print(Summary s) {
        System.out.printf(Locale.ROOT, "RESULT mode=%s ops=%d errors=%d seconds=%.1f throughput=%.1f/s p50=%.2fms "
                + "p99=%.2fms rssBefore=%.1fMiB rssAfter=%.1fMiB heapAfterGC before=%.1fMiB after=%.1fMiB "
                + "cpuPerOp=%.3fms dbFile=%.1fMiB passed=%s%n",
                s.mode(), s.operations(), s.errors(), s.seconds(), s.perSecond(), s.p50Millis(), s.p99Millis(),
                s.rssBeforeMiB(), s.rssAfterMiB(), s.heapBeforeMiB(), s.heapAfterMiB(), s.cpuMillisPerOperation(),
                s.dbFileMiB(), s.passed());
        s.failures().forEach(f -> System.out.println("  failure: " + f));
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
