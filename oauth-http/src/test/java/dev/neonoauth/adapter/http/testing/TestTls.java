package dev.neonoauth.adapter.http.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Self-signed server certificates for https tests, made with the JDK's {@code keytool} (no test dependency), and the
 * trust stores that trust them: as a file for {@code javax.net.ssl.trustStore} (the JDK's default trust, which
 * OkHttp's platform trust manager reads) or as a trust manager for a client's own TLS settings. In oauth-http's
 * test-jar, for other modules' https tests.
 */
public final class TestTls {
    public static final char[] PASSWORD = "changeit".toCharArray();

    /** A server key and its self-signed certificate, valid for {@code san} (keytool's syntax: {@code ip:127.0.0.1}). */
    public record ServerCertificate(KeyStore keyStore, Certificate certificate) {
        /** The server side of TLS for MockWebServer's {@code useHttps}. */
        public SSLSocketFactory serverSocketFactory() throws Exception {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context.getSocketFactory();
        }

        /** A PKCS12 trust store (password {@link #PASSWORD}) holding only this certificate. */
        public Path trustStore(Path dir) throws Exception {
            KeyStore trust = trustKeyStore();
            Path file = Files.createTempFile(dir, "trust-", ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                trust.store(out, PASSWORD);
            }
            return file;
        }

        /** A trust manager that trusts this certificate only, for a client's own TLS settings. */
        public X509TrustManager trustManager() throws Exception {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustKeyStore());
            return (X509TrustManager) factory.getTrustManagers()[0];
        }

        public SSLSocketFactory clientSocketFactory(X509TrustManager trustManager) throws Exception {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509TrustManager[] {trustManager}, null);
            return context.getSocketFactory();
        }

        private KeyStore trustKeyStore() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, PASSWORD);
            trust.setCertificateEntry("server", certificate);
            return trust;
        }
    }

    private TestTls() {}

    /** {@code keytool -genkeypair} (EC P-256, valid two days) into a PKCS12 key store under {@code dir}. */
    public static ServerCertificate serverCertificate(Path dir, String san) throws Exception {
        Path file = dir.resolve("server-" + System.nanoTime() + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=neon-oauth test server", "-ext", "san=" + san,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        return new ServerCertificate(keyStore, keyStore.getCertificate("server"));
    }

    /**
     * Runs {@code body} with {@code javax.net.ssl.trustStore} (and its type and password) set, then puts the previous
     * values back. The JDK reads these properties whenever a default trust manager is made, so this is the trust a
     * client whose TLS is set up inside {@code body} gets.
     */
    public static <T> T withTrustStore(Path trustStore, Supplier<T> body) {
        String[] names = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword"};
        String[] values = {trustStore.toString(), "PKCS12", new String(PASSWORD)};
        String[] previous = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            previous[i] = System.getProperty(names[i]);
            System.setProperty(names[i], values[i]);
        }
        try {
            return body.get();
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (previous[i] == null) {
                    System.clearProperty(names[i]);
                } else {
                    System.setProperty(names[i], previous[i]);
                }
            }
        }
    }
}
