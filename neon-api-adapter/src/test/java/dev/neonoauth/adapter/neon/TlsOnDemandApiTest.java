package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.neonoauth.adapter.http.testing.TestTls;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.neon.api.ProjectCreation;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's client sets up TLS at its first https call (oauth-http's {@code TlsOnDemand}): with a plain-http base URL
 * (the sandbox on 127.0.0.1) the trust store is never read, by the direct reads nor by Retrofit's calls; with an https
 * base URL the server's certificate is checked against the JDK's trust store as before.
 */
class TlsOnDemandApiTest extends MockNeonServer {
    @TempDir
    static Path dir;

    static TestTls.ServerCertificate certificate;

    MockWebServer https;

    @BeforeAll
    static void certificate() throws Exception {
        certificate = TestTls.serverCertificate(dir, "ip:127.0.0.1");
    }

    @AfterEach
    void stopHttps() {
        if (https != null) {
            https.close();
        }
    }

    /** The API at {@code https://127.0.0.1:port/api/v2} on a server with the self-signed certificate. */
    void httpsApi() throws Exception {
        https = new MockWebServer();
        https.useHttps(certificate.serverSocketFactory());
        https.start(InetAddress.getByName("127.0.0.1"), 0);
        inject(b -> b.apiBaseUrl(URI.create("https://127.0.0.1:" + https.getPort() + "/api/v2")), 2);
    }

    @Test
    void aPlainHttpApiIsCalledWithoutReadingTheTrustStore() throws Exception {
        Path unreadable = Files.write(dir.resolve("not-a-trust-store.p12"), new byte[] {1, 2, 3});
        enqueue(200, "users-me.json");
        server.enqueue(json(201, Fixtures.read("project-created.json")));

        NeonUser user = TestTls.withTrustStore(unreadable, () -> {
            NeonApi api = get(NeonApi.class);
            NeonUser me = api.currentUser(ACCOUNT); // a direct read (ApiGet)
            api.createProject(ACCOUNT, ProjectCreation.named("myproject")); // through Retrofit
            return me;
        });

        assertThat(user.email()).isNotBlank();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anHttpsApiWithAnUntrustedCertificateIsRefused() throws Exception {
        httpsApi();
        https.enqueue(json(200, Fixtures.read("users-me.json")));

        Throwable e = catchThrowable(() -> get(NeonApi.class).currentUser(ACCOUNT));

        assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance);
        assertThat(https.getRequestCount()).isZero();
    }

    @Test
    void anHttpsApiTrustedByTheDefaultTrustStoreIsCalled() throws Exception {
        httpsApi();
        https.enqueue(json(200, Fixtures.read("users-me.json")));
        https.enqueue(json(201, Fixtures.read("project-created.json")));
        Path trustStore = certificate.trustStore(dir);

        NeonUser user = TestTls.withTrustStore(trustStore, () -> {
            NeonApi api = get(NeonApi.class);
            NeonUser me = api.currentUser(ACCOUNT);
            api.createProject(ACCOUNT, ProjectCreation.named("myproject"));
            return me;
        });

        assertThat(user.email()).isNotBlank();
        assertThat(https.getRequestCount()).isEqualTo(2);
        assertThat(https.takeRequest().getUrl().isHttps()).isTrue();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
