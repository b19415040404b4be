package dev.neonoauth.benchmarks.api;

import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.service.AccessTokenService;
import dev.neonoauth.sandbox.NeonSandbox;
import java.time.Duration;
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
 * {@code AccessTokenProvider.currentToken} (the production {@code AccessTokenService}) with a fresh token in
 * {@code JdbcTokenStore}. {@code cache=off} ({@code cacheMaxAge} zero): every call does one {@code SELECT} of the grant
 * row, AEAD decryption of the access and refresh tokens, the freshness check. {@code cache=default} (10 s, what the
 * apps run): the same once per 10 s, the other calls served from memory. No refresh happens (the token is valid for an hour; the benchmark fails if one would). Stores:
 * {@code h2} (the embedded default, a file database in a temporary directory) and {@code postgresql} (local server,
 * {@code NEON_OAUTH_TEST_JDBC_URL} or {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, own schema, dropped
 * afterwards). Run: {@code java -jar benchmarks/target/benchmarks.jar TokenProviderBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(1)
public class TokenProviderBenchmarks {
    @Param({"h2", "postgresql"})
    public String database;

    @Param({"off", "default"})
    public String cache;

    private NeonSandbox sandbox;
    private ApiFixture fixture;
    private long refreshesBefore;

    @Setup(Level.Trial)
    public void setUp() {
        sandbox = ApiFixture.headlessSandbox();
        fixture = ApiFixture.start(sandbox, sandbox.apiBaseUri(), database,
                cache.equals("off") ? Duration.ZERO : AccessTokenService.DEFAULT_CACHE_MAX_AGE);
        refreshesBefore = sandbox.metrics().refreshRequests();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long refreshes = sandbox.metrics().refreshRequests() - refreshesBefore;
        fixture.close();
        sandbox.close();
        if (refreshes != 0) {
            throw new IllegalStateException(refreshes + " refreshes during the benchmark: the token was not fresh");
        }
    }

    @Benchmark
    public AccessTokenResult currentToken() {
        AccessTokenResult r = fixture.stack.tokens().currentToken(ApiFixture.ACCOUNT);
        if (!(r instanceof AccessTokenResult.Available)) {
            throw new IllegalStateException(r.toString());
        }
        return r;
    }
}
