package dev.neonoauth.app.cli.archfixture;

import com.google.inject.Guice;
import com.google.inject.Injector;

/** Breaks both CLI rules on purpose, so that ArchitectureTest can show the rules catch it. Never run. */
public final class Violator {
    private Violator() {}

    public static Injector secondInjector() {
        return Guice.createInjector();
    }

    public static Object httpClient() {
        return new okhttp3.OkHttpClient();
    }

    public static Class<?> jdbc() {
        return java.sql.Connection.class;
    }
}
