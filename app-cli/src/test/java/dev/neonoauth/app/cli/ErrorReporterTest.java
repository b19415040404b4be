package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Provides;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failures that reach the user through Guice's wrappers (a provider that threw, modules that could not be configured,
 * an injection that could not be resolved) are reported like any other failure: the one line for the failure behind
 * the wrapper, never the injector's dump.
 */
class ErrorReporterTest {
    private static final String OAUTH_HOST = "http://127.0.0.1:1";
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Something a provider builds; the providers below fail instead. */
    static final class Component {}

    /** No injectable constructor: asking the injector for it is a configuration error. */
    static final class Unbuildable {
        Unbuildable(String unused) {}
    }

    private CliContext context(String... options) {
        CliEnvironment env = new CliEnvironment(Map.of("NEON_CLIENT_ID", "my-app", "NEON_OAUTH_HOST", OAUTH_HOST),
                InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, uri -> false, Clock.systemUTC(),
                Optional.empty());
        CliContext ctx = new CliContext(env, (settings, environment, ttl) -> {
            throw new AssertionError("no services here");
        });
        Main.commandLine(ctx).parseArgs("status"); // the options and their environment defaults, as in a run
        ctx.options().verbose = options.length > 0;
        return ctx;
    }

    private String printed() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aProviderThatFailedDiscoveryIsReportedAsTheDiscoveryFailure() {
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Provides
            Component component() {
                throw new DiscoveryException("discovery at " + OAUTH_HOST + "/.well-known/openid-configuration could "
                        + "not be reached or its answer was cut off", true,
                        new TokenEndpointUnavailableException("connection refused", true));
            }
        });
        Throwable wrapped = catchThrowable(() -> injector.getInstance(Component.class));
        assertThat(wrapped).isInstanceOf(ProvisionException.class);

        int code = ErrorReporter.report(wrapped, context());

        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(printed()).startsWith("Error: Cannot reach the OAuth server at " + OAUTH_HOST + ": discovery at ")
                .contains("Check --oauth-host / NEON_OAUTH_HOST").endsWith(".\n");
        assertThat(printed().lines()).hasSize(1);
        UserFacing.assertNoInternals(printed(), printed());
    }

    @Test
    void modulesThatCouldNotBeConfiguredAreReportedAsTheirCause() {
        Throwable wrapped = catchThrowable(() -> Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                addError(new StoreUnavailableException("cannot connect to the token database", true, null));
            }
        }));
        assertThat(wrapped).isInstanceOf(CreationException.class);

        int code = ErrorReporter.report(wrapped, context());

        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(printed()).isEqualTo("Error: token storage: cannot connect to the token database\n");
    }

    @Test
    void aWiringMistakeWithoutAnUnderlyingFailureIsAnInternalErrorWithoutTheDump() {
        Throwable wrapped = catchThrowable(() -> Guice.createInjector().getInstance(Unbuildable.class));
        assertThat(wrapped).isInstanceOf(ConfigurationException.class);

        int code = ErrorReporter.report(wrapped, context());

        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(printed()).startsWith("Error: internal error: the command line could not assemble its components");
        assertThat(printed().lines()).hasSize(1);
        UserFacing.assertNoInternals(printed(), printed());
    }

    @Test
    void verboseShowsTheChainBehindTheWrapperNotTheWrapper() {
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Provides
            Component component() {
                throw new DiscoveryException("the metadata at " + OAUTH_HOST + "/.well-known/openid-configuration "
                        + "names the issuer https://evil.example, not the configured " + OAUTH_HOST + "/; refusing "
                        + "to use it (RFC 8414 section 3.3)", false, null);
            }
        });
        Throwable wrapped = catchThrowable(() -> injector.getInstance(Component.class));

        ErrorReporter.report(wrapped, context("--verbose"));

        assertThat(printed()).startsWith("Error: The OAuth server at " + OAUTH_HOST
                + " says its issuer is https://evil.example, not " + OAUTH_HOST + "/")
                .contains("  " + DiscoveryException.class.getName() + ": the metadata at ")
                .doesNotContain("com.google.inject").doesNotContain("Guice");
    }

    @Test
    void typeNamesInALibrarysMessageBecomeWords() {
        assertThat(FailureText.scrub("GET /projects failed in transport (ConnectException) before it was sent"))
                .isEqualTo("GET /projects failed in transport (connection refused) before it was sent");
        assertThat(FailureText.scrub("boom: java.net.SocketTimeoutException: Read timed out"))
                .isEqualTo("boom: timed out: Read timed out");
        assertThat(FailureText.describe(new java.io.UncheckedIOException("cannot create the data directory /x",
                new java.nio.file.AccessDeniedException("/x")))).isEqualTo(
                        "cannot create the data directory /x: permission denied: /x");
        assertThat(FailureText.describe(new IllegalStateException())).isEqualTo("unexpected error");
    }
}
