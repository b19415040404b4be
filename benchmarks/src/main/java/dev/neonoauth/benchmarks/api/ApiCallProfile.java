package dev.neonoauth.benchmarks.api;

import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.sandbox.NeonSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the framework arm of {@link ApiCallBenchmarks} spends its CPU: warms up, then calls
 * {@code NeonApi.listProjects} against the {@link FixedProjectsServer} for the given seconds under Java Flight
 * Recorder (the JDK's "profile" settings), and buckets the main thread's execution samples by the first component
 * found from the leaf: token lookup or decryption (under {@code AccessTokenService}), {@code java.time} parsing,
 * UUID, Moshi, mapping, OkHttp/okio, Retrofit, other adapter code. Shares of on-CPU samples, not wall time.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.api.ApiCallProfile [seconds 20]</pre>
 */
public final class ApiCallProfile {
    private ApiCallProfile() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path jfr = Files.createTempFile("api-call-profile-", ".jfr");
        long calls = 0;
        try (NeonSandbox sandbox = ApiFixture.headlessSandbox(); FixedProjectsServer fixed = FixedProjectsServer.start();
                ApiFixture fixture = ApiFixture.start(sandbox, fixed.apiBaseUri(), "h2")) {
            try (BareOkHttpBaseline capture = new BareOkHttpBaseline(sandbox.apiBaseUri(), fixture.accessToken)) {
                fixed.body(capture.listProjectsJson());
            }
            for (int i = 0; i < 20_000; i++) {
                fixture.stack.neonApi().listProjects(ApiFixture.ACCOUNT, ProjectQuery.ALL);
            }
            try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                recording.start();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    fixture.stack.neonApi().listProjects(ApiFixture.ACCOUNT, ProjectQuery.ALL);
                    calls++;
                }
                recording.stop();
                recording.dump(jfr);
            }
        }
        Map<String, Integer> buckets = new TreeMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                    || !"main".equals(e.getThread("sampledThread").getJavaName())) {
                continue;
            }
            List<String> frames = e.getStackTrace().getFrames().stream()
                    .map(RecordedFrame::getMethod).map(m -> m.getType().getName() + "." + m.getName()).toList();
            if (frames.stream().noneMatch(f -> f.contains("RetrofitNeonApi.listProjects"))) {
                continue;
            }
            buckets.merge(bucket(frames), 1, Integer::sum);
            total++;
        }
        System.out.printf(Locale.ROOT, "RESULT %d framework calls in %d s (%.1f us/call wall), %d main-thread CPU samples; "
                + "JFR file %s%n", calls, seconds, seconds * 1e6 / calls, total, jfr);
        int n = total;
        buckets.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(b -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * b.getValue() / n, b.getKey()));
    }

    static String bucket(List<String> frames) {
        if (frames.stream().anyMatch(f -> f.startsWith("dev.neonoauth.core.service.AccessTokenService"))) {
            return frames.stream().anyMatch(f -> f.startsWith("com.google.crypto") || f.startsWith("javax.crypto")
                    || f.startsWith("com.sun.crypto")) ? "token: AEAD decryption (Tink)"
                    : "token: lookup (storage-jdbc, HikariCP, H2 SELECT, row decoding)";
        }
        for (String f : frames) {
            if (f.startsWith("java.time")) {
                return "timestamp parsing (java.time, the adapter's Instant JSON adapter)";
            }
            if (f.startsWith("java.util.UUID")) {
                return "X-Request-ID (UUID.randomUUID)";
            }
            if (f.startsWith("com.squareup.moshi") || f.startsWith("retrofit2.converter")) {
                return "Moshi JSON parsing";
            }
            if (f.startsWith("dev.neonoauth.adapter.neon.NeonMapper")) {
                return "mapping JSON objects to Project records";
            }
            if (f.startsWith("okhttp3") || f.startsWith("okio")) {
                return "OkHttp/okio (request, interceptor chain, socket I/O)";
            }
            if (f.startsWith("retrofit2")) {
                return "Retrofit";
            }
            if (f.startsWith("dev.neonoauth.adapter.neon")) {
                return "adapter code (NeonCallExecutor, interceptors, RetrofitNeonApi)";
            }
        }
        return "other";
    }
}
