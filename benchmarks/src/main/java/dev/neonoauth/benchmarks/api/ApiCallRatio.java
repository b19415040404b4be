package dev.neonoauth.benchmarks.api;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ApiCallBenchmarks} (all three arms, each server variant, one fork per variant) and prints
 * {@code ratio = framework / bareOkHttp} of the average times (the figure) and
 * {@code framework / bareOkHttpMoshi} (the framework against a bare call that also parses the answer). Extra arguments are JMH options, e.g.
 * {@code -p server=fixed}, {@code -prof gc}, {@code -wi 2 -i 3}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.api.ApiCallRatio</pre>
 */
public final class ApiCallRatio {
    /** The target: the framework's call costs at most 5 % more than the bare call. */
    public static final double TARGET = 1.05;

    private ApiCallRatio() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(ApiCallBenchmarks.class.getName() + "\\.");
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        report(results).forEach((server, line) -> System.out.println(line));
    }

    /** One line per server variant: both scores with their errors, and the ratio. */
    static Map<String, String> report(Collection<RunResult> results) {
        Map<String, double[]> byServer = new TreeMap<>();
        for (RunResult r : results) {
            String server = r.getParams().getParam("server");
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            double[] v = byServer.computeIfAbsent(server, k -> new double[6]);
            int i = switch (method) {
                case "framework" -> 0;
                case "bareOkHttp" -> 2;
                default -> 4;
            };
            v[i] = r.getPrimaryResult().getScore();
            v[i + 1] = r.getPrimaryResult().getScoreError();
        }
        Map<String, String> lines = new TreeMap<>();
        byServer.forEach((server, v) -> {
            double ratio = v[0] / v[2];
            lines.put(server, String.format(java.util.Locale.ROOT,
                    "server=%s: framework %.1f ± %.1f us/op, bareOkHttp %.1f ± %.1f us/op, bareOkHttpMoshi %.1f ± %.1f"
                            + " us/op; ratio framework/bareOkHttp %.3f (target <= %.2f: %s), framework/bareOkHttpMoshi %.3f",
                    server, v[0], v[1], v[2], v[3], v[4], v[5], ratio, TARGET, ratio <= TARGET ? "met" : "NOT met",
                    v[0] / v[4]));
        });
        return lines;
    }
}
