package dev.neonoauth.benchmarks;

import dev.neonoauth.neon.NeonOAuth;
import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.domain.CodeChallenge;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.out.SecureRandomSource;
import dev.neonoauth.core.service.AuthorizationFlowService;
import dev.neonoauth.core.testing.FakeTokenEndpoint;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.testing.TestClients;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hot paths of oauth-core: building an authorization URL (state, PKCE, pending save, URI), validating a callback
 * (the reject path that forged callbacks take, and the full accept path with an in-memory token endpoint), and PKCE
 * generation alone. Run: {@code java -jar benchmarks/target/benchmarks.jar CoreBenchmarks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreBenchmarks {
    private static final AccountKey ACCOUNT = AccountKey.of("bench-user");

    private AuthorizationFlowService flow;
    private InMemoryPendingAuthorizationStore pending;
    private SecureRandomSource random;
    private BeginAuthorization begin;
    private AuthorizationCallback forged;

    @Setup
    public void setUp() {
        random = SecureRandomSource.of(new SecureRandom());
        pending = new InMemoryPendingAuthorizationStore();
        flow = new AuthorizationFlowService(AuthorizationServerSource.of(NeonOAuth.authorizationServer()), TestClients.confidential(), pending,
                new InMemoryTokenStore(), new FakeTokenEndpoint(), random, Clock.systemUTC(), Duration.ofMinutes(10));
        begin = BeginAuthorization.of(ACCOUNT, NeonScopes.DEFAULT, TestClients.WEB_CALLBACK);
        forged = AuthorizationCallback.fromQuery(
                "code=ory_ac_forged&scope=openid%20offline&state=H58y-rSTebc3QmNbRjNTX9dL73-IyoU2T_WNievO9as");
    }

    /**
     * begin(): 64 random bytes, SHA-256, pending save, URI encoding. The pending entry is consumed (its state read back
     * from the URL, which costs well under a microsecond) to keep the map small.
     */
    @Benchmark
    public AuthorizationRedirect authorizationUrl() {
        AuthorizationRedirect redirect = flow.begin(begin);
        String query = redirect.authorizationUri().getRawQuery();
        int at = query.indexOf("&state=") + "&state=".length();
        int end = query.indexOf('&', at);
        pending.consume(new dev.neonoauth.core.domain.State(query.substring(at, end < 0 ? query.length() : end)));
        return redirect;
    }

    /** complete() on a forged callback: parse, look up, reject. */
    @Benchmark
    public CallbackResult callbackRejected() {
        return flow.complete(forged);
    }

    /** Query parsing with strict percent-decoding alone. */
    @Benchmark
    public AuthorizationCallback callbackParse() {
        return AuthorizationCallback.fromQuery(
                "code=ory_ac_0123456789abcdef&scope=openid%20offline%20urn%3Aneoncloud%3Aprojects%3Aread&state=H58y-rSTebc3QmNbRjNTX9dL73-IyoU2T_WNievO9as");
    }

    /** begin() then complete() with an in-memory token endpoint and store: the whole flow minus the network. */
    @Benchmark
    public CallbackResult fullFlowInMemory() {
        AuthorizationRedirect redirect = flow.begin(begin);
        String query = redirect.authorizationUri().getRawQuery();
        String state = query.substring(query.indexOf("&state=") + 7);
        return flow.complete(AuthorizationCallback.fromQuery("code=ory_ac_x&state=" + state));
    }

    /** 32 random bytes, base64url verifier, S256 challenge. */
    @Benchmark
    public CodeChallenge pkceGeneration() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return CodeVerifier.fromEntropy(bytes).challenge();
    }
}
