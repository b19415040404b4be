package dev.neonoauth.benchmarks.api;

import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.sandbox.NeonSandbox;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one authorized API call, {@code GET /projects}, through the framework against a bare OkHttp call, in
 * the same fork against the same local server.
 *
 * <ul>
 *   <li>{@code framework}: {@code NeonApi.listProjects(account, ProjectQuery.ALL)} on the production graph built by
 *       {@code benchmarks.wiring.Main}: {@code AccessTokenService.currentToken} loads the grant from
 *       {@code JdbcTokenStore} (embedded H2 file, one SELECT through HikariCP), decrypts the access token (Tink
 *       AES-256-GCM), checks freshness and the {@code projects:read} scope; the adapter adds the bearer header, a
 *       fresh {@code X-Request-ID} and {@code User-Agent}, calls Retrofit/OkHttp, caps the body size, parses the JSON
 *       with Moshi and maps it to {@code Project} records (one page: fewer than 400 projects).
 *   <li>{@code bareOkHttp}: {@link BareOkHttpBaseline}: one shared OkHttpClient, the same URL
 *       ({@code /projects?limit=400}), a hard-coded bearer header, the body read to a string. No lookup, no
 *       decryption, no parsing.
 *   <li>{@code bareOkHttpMoshi}: the same bare call, the body then parsed with Moshi into plain objects holding the
 *       fields the framework's records hold: the least any client that uses the answer does.
 * </ul>
 *
 * {@code server=fixed}: both arms call a {@link FixedProjectsServer} (JDK HttpServer returning a pre-encoded body
 * captured from the sandbox), so the server is identical and cheap and the difference is client-side.
 * {@code server=sandbox}: both call the in-process neon-sandbox (which also validates the token and builds the page).
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.api.ApiCallRatio} (prints the ratio),
 * or {@code java -jar benchmarks/target/benchmarks.jar ApiCallBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(1)
public class ApiCallBenchmarks {
    @Param({"fixed", "sandbox"})
    public String server;

    private NeonSandbox sandbox;
    private FixedProjectsServer fixed;
    private ApiFixture fixture;
    private BareOkHttpBaseline bare;

    @Setup(Level.Trial)
    public void setUp() {
        sandbox = ApiFixture.headlessSandbox();
        fixed = FixedProjectsServer.start();
        boolean useFixed = server.equals("fixed");
        fixture = ApiFixture.start(sandbox, useFixed ? fixed.apiBaseUri() : sandbox.apiBaseUri(), "h2");
        if (useFixed) {
            try (BareOkHttpBaseline capture = new BareOkHttpBaseline(sandbox.apiBaseUri(), fixture.accessToken)) {
                fixed.body(capture.listProjectsJson());
            }
        }
        bare = new BareOkHttpBaseline(useFixed ? fixed.apiBaseUri() : sandbox.apiBaseUri(), fixture.accessToken);
        // both arms must see the same answer (three seeded projects), each with exactly one HTTP request
        long before = useFixed ? fixed.requests() : sandbox.metrics().apiRequests();
        int n = fixture.stack.neonApi().listProjects(ApiFixture.ACCOUNT, ProjectQuery.ALL).size();
        boolean seeded = bare.listProjectsJson().contains("sandbox-app");
        int parsed = bare.listProjectsParsed().size();
        long requests = (useFixed ? fixed.requests() : sandbox.metrics().apiRequests()) - before;
        if (n != 3 || !seeded || parsed != 3 || requests != 3) {
            throw new IllegalStateException("unexpected /projects answer: " + n + " projects, " + requests
                    + " requests for one call per arm, " + parsed + " projects parsed by the bare arm");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bare.close();
        fixture.close();
        fixed.close();
        sandbox.close();
    }

    @Benchmark
    public List<Project> framework() {
        return fixture.stack.neonApi().listProjects(ApiFixture.ACCOUNT, ProjectQuery.ALL);
    }

    @Benchmark
    public String bareOkHttp() {
        return bare.listProjectsJson();
    }

    @Benchmark
    public List<BareOkHttpBaseline.ProjectJson> bareOkHttpMoshi() {
        return bare.listProjectsParsed();
    }
}
