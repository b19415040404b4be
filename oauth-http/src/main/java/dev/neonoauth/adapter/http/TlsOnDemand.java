package dev.neonoauth.adapter.http;

import java.util.List;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * An OkHttp client whose TLS machinery is built by its first {@code https} call rather than when it is created.
 *
 * <p>OkHttp 5's {@code OkHttpClient} constructor sets up TLS whenever one of its connection specs is a TLS one (the
 * default) and no socket factory is given: the platform trust manager (which reads the JDK's {@code cacerts}), an
 * {@code SSLContext}, its socket factory and the certificate chain cleaner. That is about 50 ms of a command line's
 * start-up, and wasted when every host is plain {@code http} (the sandbox on 127.0.0.1). This client holds:
 * <ul>
 *   <li>a clear-text client ({@link ConnectionSpec#CLEARTEXT} only, so OkHttp builds no TLS for it) that makes every
 *       {@code http} call;
 *   <li>a TLS client, built from the clear-text one by the first {@code https} call with OkHttp's default connection
 *       specs ({@link ConnectionSpec#MODERN_TLS}, then {@link ConnectionSpec#CLEARTEXT}): OkHttp then sets up TLS
 *       exactly as a client built in one go does (platform trust store, hostname verification, no pinning). Both
 *       clients share the connection pool, dispatcher, interceptors, event listener, authenticator and timeouts.
 * </ul>
 * Which URLs may be plain {@code http} is decided where they are configured ({@link OAuthHttpConfig#requireHttpUri}:
 * loopback only); this class only chooses the client by scheme.
 *
 * <p>The builder must carry no TLS settings of its own (SSL socket factory, certificate pinner, connection specs):
 * the TLS client gets OkHttp's defaults. A client with its own TLS settings is built with
 * {@link OkHttpClient.Builder#build()} and used as it is (for instance passed to
 * {@link OAuthHttp#create(OAuthHttpConfig, OkHttpClient)}). Thread-safe.
 */
public final class TlsOnDemand implements Call.Factory {
    /** OkHttp's default connection specs ({@code OkHttpClient.DEFAULT_CONNECTION_SPECS}, internal to OkHttp). */
    static final List<ConnectionSpec> DEFAULT_CONNECTION_SPECS =
            List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT);

    private final OkHttpClient cleartext;
    private volatile OkHttpClient tls;

    private TlsOnDemand(OkHttpClient cleartext) {
        this.cleartext = cleartext;
    }

    /**
     * Builds {@code builder}'s client for {@code http} calls at once (no TLS set-up) and the same client with TLS at the
     * first {@code https} call. The builder is used up: it is left with clear-text connection specs.
     */
    public static TlsOnDemand build(OkHttpClient.Builder builder) {
        Objects.requireNonNull(builder, "builder == null");
        return new TlsOnDemand(builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build());
    }

    /** A call on the clear-text client for an {@code http} URL, on the TLS client (built now if needed) for https. */
    @Override
    public Call newCall(Request request) {
        return (request.url().isHttps() ? tls() : cleartext).newCall(request);
    }

    /** Whether the TLS client has been built (by an {@code https} call). */
    public boolean tlsReady() {
        return tls != null;
    }

    /** The client of {@code http} calls: {@link ConnectionSpec#CLEARTEXT} only, no TLS set up. */
    OkHttpClient cleartext() {
        return cleartext;
    }

    /**
     * The client of {@code https} calls, built by the first one. A failed set-up (an unreadable trust store) is not
     * kept: the next https call tries again, as a new client would.
     *
     * @throws IllegalStateException if OkHttp cannot set up TLS
     */
    OkHttpClient tls() {
        OkHttpClient client = tls;
        if (client == null) {
            synchronized (this) {
                client = tls;
                if (client == null) {
                    try {
                        client = cleartext.newBuilder().connectionSpecs(DEFAULT_CONNECTION_SPECS).build();
                    } catch (Exception e) { // OkHttp (Kotlin) may throw the trust store's checked exceptions
                        throw new IllegalStateException("cannot set up TLS: " + e, e);
                    }
                    tls = client;
                }
            }
        }
        return client;
    }
}
