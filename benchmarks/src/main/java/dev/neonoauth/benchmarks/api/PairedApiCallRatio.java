package dev.neonoauth.benchmarks.api;

import dev.neonoauth.core.port.out.neon.ProjectQuery;
import dev.neonoauth.sandbox.NeonSandbox;
import java.util.Arrays;
import java.util.Locale;

/**
 * The API-call ratio measured in pairs, for a machine with background load: after a warm-up, R rounds; in each round
 * both arms of {@link ApiCallBenchmarks} make N calls back to back (the order alternating between rounds) against the
 * same {@link FixedProjectsServer}, and the round's ratio is framework time / bare time. Background load that drifts
 * over seconds hits both arms of a round alike; the median of the round ratios is the figure. Complements the JMH run,
 * whose arms run a minute apart.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.api.PairedApiCallRatio [rounds 40] [calls 500] [warmup 20000]</pre>
 */
public final class PairedApiCallRatio {
    private PairedApiCallRatio() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        try (NeonSandbox sandbox = ApiFixture.headlessSandbox(); FixedProjectsServer fixed = FixedProjectsServer.start();
                ApiFixture fixture = ApiFixture.start(sandbox, fixed.apiBaseUri(), "h2")) {
            try (BareOkHttpBaseline capture = new BareOkHttpBaseline(sandbox.apiBaseUri(), fixture.accessToken)) {
                fixed.body(capture.listProjectsJson());
            }
            try (BareOkHttpBaseline bare = new BareOkHttpBaseline(fixed.apiBaseUri(), fixture.accessToken)) {
                Runnable framework = () -> {
                    if (fixture.stack.neonApi().listProjects(ApiFixture.ACCOUNT, ProjectQuery.ALL).size() != 3) {
                        throw new IllegalStateException("expected 3 projects");
                    }
                };
                Runnable baseline = () -> {
                    if (bare.listProjectsJson().length() != fixed.bodyBytes()) {
                        throw new IllegalStateException("short body");
                    }
                };
                for (int i = 0; i < warmup; i++) {
                    framework.run();
                    baseline.run();
                }
                double[] ratios = new double[rounds];
                double[] fw = new double[rounds];
                double[] bl = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    boolean frameworkFirst = r % 2 == 0;
                    double a = perCallMicros(frameworkFirst ? framework : baseline, calls);
                    double b = perCallMicros(frameworkFirst ? baseline : framework, calls);
                    fw[r] = frameworkFirst ? a : b;
                    bl[r] = frameworkFirst ? b : a;
                    ratios[r] = fw[r] / bl[r];
                }
                System.out.printf(Locale.ROOT, "RESULT paired rounds=%d calls/round/arm=%d: framework median %.1f us/call, "
                        + "bareOkHttp median %.1f us/call, ratio median %.3f (quartiles %.3f .. %.3f, min %.3f, max %.3f)%n",
                        rounds, calls, median(fw), median(bl), median(ratios), quantile(ratios, 0.25),
                        quantile(ratios, 0.75), quantile(ratios, 0), quantile(ratios, 1));
            }
        }
    }

    private static double perCallMicros(Runnable call, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    private static double median(double[] v) {
        return quantile(v, 0.5);
    }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.round(q * (s.length - 1))];
    }
}
