package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.adapter.http.testing.TestTls;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.UserInfoEndpoint.UserInfo;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.CertificatePinner;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.internal.tls.OkHostnameVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS is set up by the first https call ({@link TlsOnDemand}): an http server (loopback) is talked to without reading
 * the trust store, and an https server gets OkHttp's full TLS (certificate validation against the JDK's trust store,
 * hostname verification), also when discovery names it; a client with its own trust settings keeps them.
 */
class TlsOnDemandTest extends MockAuthorizationServer {
    @TempDir
    static Path dir;

    /** Valid for 127.0.0.1. */
    static TestTls.ServerCertificate localCertificate;
    /** Valid for example.com only. */
    static TestTls.ServerCertificate otherHostCertificate;

    MockWebServer https;

    @BeforeAll
    static void certificates() throws Exception {
        localCertificate = TestTls.serverCertificate(dir, "ip:127.0.0.1");
        otherHostCertificate = TestTls.serverCertificate(dir, "dns:example.com");
    }

    @AfterEach
    void stopHttps() {
        if (https != null) {
            https.close();
        }
    }

    MockWebServer https(TestTls.ServerCertificate certificate) throws Exception {
        https = new MockWebServer();
        https.useHttps(certificate.serverSocketFactory());
        https.start(InetAddress.getByName("127.0.0.1"), 0);
        return https;
    }

    URI httpsUrl(String path) {
        return URI.create("https://127.0.0.1:" + https.getPort() + path);
    }

    /** An adapter for the https server, without discovery, its userinfo endpoint at /userinfo. */
    OAuthHttpConfig httpsConfig() {
        return OAuthHttpConfig.builder().issuer(httpsUrl("/")).discovery(false)
                .authorizationEndpoint(httpsUrl("/oauth2/auth")).tokenEndpoint(httpsUrl("/oauth2/token"))
                .userinfoEndpoint(httpsUrl("/userinfo")).connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(10)).build();
    }

    static MockResponse userinfo() {
        return json(200, "{\"sub\":\"neon-user-42\"}");
    }

    static final UserInfo USER = new UserInfo("neon-user-42", Optional.empty(), Optional.empty());

    @Test
    void anHttpServerIsCalledWithoutSettingUpTls() {
        server.enqueue(userinfo());

        assertThat(oauth().userInfoEndpoint().fetch(new AccessToken("ory_at_x"))).isEqualTo(USER);

        TlsOnDemand http = (TlsOnDemand) oauth().http();
        assertThat(http.tlsReady()).isFalse();
        assertThat(http.cleartext().connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
        assertThat(http.cleartext().x509TrustManager()).as("no platform trust manager").isNull();
        assertThat(http.cleartext().certificateChainCleaner()).isNull();
    }

    @Test
    void anHttpServerIsCalledWithoutReadingTheTrustStore() throws Exception {
        Path unreadable = Files.write(dir.resolve("not-a-trust-store.p12"), new byte[] {1, 2, 3});
        server.enqueue(userinfo());

        UserInfo info = TestTls.withTrustStore(unreadable,
                () -> oauth().userInfoEndpoint().fetch(new AccessToken("ory_at_x")));

        assertThat(info).isEqualTo(USER);
        // the control: a client that sets up TLS reads the trust store and fails on this one
        assertThat(TestTls.withTrustStore(unreadable, () -> catchThrowable(OkHttpClient::new))).isNotNull();
    }

    @Test
    void anHttpsServerWithAnUntrustedCertificateIsRefused() throws Exception {
        https(localCertificate).enqueue(userinfo());
        OAuthHttp oauth = OAuthHttp.create(httpsConfig());

        TokenEndpointUnavailableException e = catchThrowableOfType(TokenEndpointUnavailableException.class,
                () -> oauth.userInfoEndpoint().fetch(new AccessToken("ory_at_x")));

        assertThat(e).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
        assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance);
        assertThat(((TlsOnDemand) oauth.http()).tlsReady()).isTrue();
        assertThat(https.getRequestCount()).isZero();
    }

    @Test
    void anHttpsServerTrustedByTheDefaultTrustStoreIsCalledWithOkHttpsDefaultTls() throws Exception {
        https(localCertificate).enqueue(userinfo());
        Path trustStore = localCertificate.trustStore(dir);
        OAuthHttp oauth = OAuthHttp.create(httpsConfig());

        UserInfo info = TestTls.withTrustStore(trustStore,
                () -> oauth.userInfoEndpoint().fetch(new AccessToken("ory_at_x")));

        assertThat(info).isEqualTo(USER);
        OkHttpClient tls = ((TlsOnDemand) oauth.http()).tls();
        assertThat(tls.connectionSpecs()).isEqualTo(new OkHttpClient().connectionSpecs());
        assertThat(tls.hostnameVerifier()).isSameAs(OkHostnameVerifier.INSTANCE);
        assertThat(tls.certificatePinner().getPins()).isEqualTo(CertificatePinner.DEFAULT.getPins());
        assertThat(tls.x509TrustManager()).isNotNull();
    }

    @Test
    void theHostnameIsVerified() throws Exception {
        https(otherHostCertificate).enqueue(userinfo());
        Path trustStore = otherHostCertificate.trustStore(dir);
        OAuthHttp oauth = OAuthHttp.create(httpsConfig());

        Throwable e = TestTls.withTrustStore(trustStore, () -> catchThrowable(
                () -> oauth.userInfoEndpoint().fetch(new AccessToken("ory_at_x"))));

        assertThat(e).isInstanceOf(TokenEndpointUnavailableException.class);
        assertThat(causes(e)).anyMatch(c -> c instanceof SSLPeerUnverifiedException
                && c.getMessage().contains("Hostname 127.0.0.1 not verified"));
    }

    @Test
    void anHttpsEndpointNamedByDiscoveryOfAnHttpIssuerGetsTls() throws Exception {
        https(localCertificate).enqueue(userinfo());
        String base = "http://127.0.0.1:" + server.getPort();
        server.enqueue(json(200, metadata(issuer()).replace(base + "/userinfo", httpsUrl("/userinfo").toString())));
        Path trustStore = localCertificate.trustStore(dir);
        oauth(MockAuthorizationServer::discoveryOnly);

        UserInfo info = TestTls.withTrustStore(trustStore,
                () -> oauth().userInfoEndpoint().fetch(new AccessToken("ory_at_x")));

        assertThat(info).isEqualTo(USER);
        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(https.getRequestCount()).isEqualTo(1);
        assertThat(((TlsOnDemand) oauth().http()).tlsReady()).isTrue();
    }

    @Test
    void aBaseClientKeepsItsOwnTrust() throws Exception {
        https(localCertificate).enqueue(userinfo());
        X509TrustManager trust = localCertificate.trustManager();
        OkHttpClient base = HttpClients.builder(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10))
                .addInterceptor(HttpClients.standardHeaders("test-agent/1"))
                .sslSocketFactory(localCertificate.clientSocketFactory(trust), trust).build();

        UserInfo info = OAuthHttp.create(httpsConfig(), base).userInfoEndpoint().fetch(new AccessToken("ory_at_x"));

        assertThat(info).isEqualTo(USER);
        // and without that trust, the same server is refused
        https.enqueue(userinfo());
        assertThat(catchThrowable(() -> OAuthHttp.create(httpsConfig()).userInfoEndpoint()
                .fetch(new AccessToken("ory_at_x")))).isInstanceOf(TokenEndpointUnavailableException.class);
    }

    @Test
    void bothClientsShareEverythingButTls() {
        TlsOnDemand http = TlsOnDemand.build(
                HttpClients.builder(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3))
                        .addInterceptor(HttpClients.standardHeaders("test-agent/1")));
        OkHttpClient cleartext = http.cleartext();
        OkHttpClient tls = http.tls();

        assertThat(tls.connectionPool()).isSameAs(cleartext.connectionPool());
        assertThat(tls.dispatcher()).isSameAs(cleartext.dispatcher());
        assertThat(tls.interceptors()).isEqualTo(cleartext.interceptors());
        assertThat(tls.eventListenerFactory()).isSameAs(cleartext.eventListenerFactory());
        assertThat(tls.authenticator()).isSameAs(cleartext.authenticator());
        assertThat(List.of(tls.connectTimeoutMillis(), tls.readTimeoutMillis(), tls.writeTimeoutMillis()))
                .containsExactly(1000, 2000, 2000);
        assertThat(tls.followRedirects()).isFalse();
        assertThat(tls.followSslRedirects()).isFalse();
        assertThat(tls.retryOnConnectionFailure()).isFalse();
        assertThat(http.tls()).as("built once").isSameAs(tls);
        assertThat(TlsOnDemand.DEFAULT_CONNECTION_SPECS).isEqualTo(new OkHttpClient().connectionSpecs());
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
