package dev.neonoauth.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code User-Agent: neon-oauth-java/<version>}, the version read from a resource Maven filters at build time. */
public final class UserAgent {
    public static final String PRODUCT = "neon-oauth-java";
    private static final String FALLBACK_VERSION = "dev";

    private UserAgent() {}

    public static String value() {
        return PRODUCT + "/" + version();
    }

    public static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return FALLBACK_VERSION;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            // unfiltered (e.g. run from an IDE without Maven resources): the placeholder is still there
            return version.isEmpty() || version.contains("${") || !version.matches("[A-Za-z0-9.+_-]+")
                    ? FALLBACK_VERSION : version;
        } catch (IOException e) {
            return FALLBACK_VERSION;
        }
    }
}
