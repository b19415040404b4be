package dev.neonoauth.benchmarks.api;

import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.sandbox.NeonSandbox;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The API-call ratio measured in rounds, robust to background load: after a warm-up, R rounds; in each round the three
 * arms of {@link ApiCallBenchmarks} make N calls back to back (the order rotating between rounds) against the same
 * {@link FixedProjectsServer}, and the round's ratios are framework time / bare time and framework time / bare-with-
 * Moshi time. Background load that drifts over seconds hits all arms of a round alike; the medians of the round
 * ratios are the figures. Complements the JMH run, whose arms run a minute apart.
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
                Runnable parsed = () -> {
                    if (bare.listProjectsParsed().size() != 3) {
                        throw new IllegalStateException("expected 3 projects");
                    }
                };
                List<Runnable> arms = List.of(framework, baseline, parsed);
                for (int i = 0; i < warmup; i++) {
                    arms.forEach(Runnable::run);
                }
                double[][] perCall = new double[3][rounds];
                double[] ratios = new double[rounds];
                double[] parsedRatios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < 3; k++) {
                        int arm = (r + k) % 3;
                        perCall[arm][r] = perCallMicros(arms.get(arm), calls);
                    }
                    ratios[r] = perCall[0][r] / perCall[1][r];
                    parsedRatios[r] = perCall[0][r] / perCall[2][r];
                }
                System.out.printf(Locale.ROOT, "RESULT paired rounds=%d calls/round/arm=%d: framework median %.1f us/call, "
                        + "bareOkHttp median %.1f us/call, bareOkHttpMoshi median %.1f us/call; framework/bareOkHttp "
                        + "median %.3f (quartiles %.3f .. %.3f, min %.3f, max %.3f); framework/bareOkHttpMoshi median "
                        + "%.3f (quartiles %.3f .. %.3f)%n",
                        rounds, calls, median(perCall[0]), median(perCall[1]), median(perCall[2]), median(ratios),
                        quantile(ratios, 0.25), quantile(ratios, 0.75), quantile(ratios, 0), quantile(ratios, 1),
                        median(parsedRatios), quantile(parsedRatios, 0.25), quantile(parsedRatios, 0.75));
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
