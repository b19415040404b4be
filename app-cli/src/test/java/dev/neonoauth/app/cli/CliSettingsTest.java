package dev.neonoauth.app.cli;

import dev.neonoauth.neon.NeonScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration precedence (option, then environment, then default) and the sandbox profile. */
class CliSettingsTest {

    /** The settings of {@code neon-oauth ARGS status} in {@code env}, as picocli and the default provider leave them. */
    private static CliSettings resolve(Map<String, String> env, String... args) {
        CliContext ctx = context(env);
        List<String> line = new ArrayList<>(List.of(args));
        line.add("status");
        Main.commandLine(ctx).parseArgs(line.toArray(String[]::new));
        return ctx.settings();
    }

    private static CliContext context(Map<String, String> env) {
        CliEnvironment environment = new CliEnvironment(env, InputStream.nullInputStream(), new PrintStream(
                PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()), true, uri -> false,
                Clock.systemUTC(), Optional.empty());
        return new CliContext(environment, (settings, e, ttl) -> {
            throw new AssertionError("no services here");
        });
    }

    @Test
    void withoutAClientIdTheSandboxProfileIsUsed() {
        CliSettings s = resolve(Map.of());
        assertThat(s.sandboxProfile()).isTrue();
        assertThat(s.clientId()).isEqualTo("neon-oauth-cli");
        assertThat(s.oauthHost()).isEqualTo(URI.create("http://127.0.0.1:4444"));
        assertThat(s.apiHost()).isEqualTo(URI.create("http://127.0.0.1:4444/api/v2"));
        assertThat(s.account().value()).isEqualTo("sandbox:default");
        assertThat(s.client().isConfidential()).isFalse();
        assertThat(s.client().allowsRedirectUri(URI.create("http://127.0.0.1:53121/callback"))).isTrue();
        assertThat(s.neonApiConfig().useDiscovery()).isFalse();
    }

    @Test
    void aClientIdMeansNeonItselfWithDiscovery() {
        CliSettings s = resolve(Map.of("NEON_CLIENT_ID", "my-app"));
        assertThat(s.sandboxProfile()).isFalse();
        assertThat(s.oauthHost()).isEqualTo(URI.create("https://oauth2.neon.tech"));
        assertThat(s.apiHost()).isEqualTo(URI.create("https://console.neon.tech/api/v2"));
        assertThat(s.account().value()).isEqualTo("profile:default");
        assertThat(s.neonApiConfig().useDiscovery()).isTrue();
    }

    @Test
    void optionsBeatEnvironmentWhichBeatsDefaults() {
        CliSettings s = resolve(Map.of("NEON_PROFILE", "home", "NEON_CLIENT_ID", "from-env",
                "NEON_OAUTH_HOST", "https://oauth.example.test", "NEON_API_HOST", "https://ignored.example.test"),
                "--profile", "work", "--client-id", "from-option", "--api-host", "https://api.example.test/v2");
        assertThat(s.profile()).isEqualTo("work");
        assertThat(s.clientId()).isEqualTo("from-option");
        assertThat(s.oauthHost()).isEqualTo(URI.create("https://oauth.example.test"));
        assertThat(s.apiHost()).isEqualTo(URI.create("https://api.example.test/v2"));
        assertThat(s.account().value()).isEqualTo("profile:work");
        assertThat(s.loginCommand()).isEqualTo("neon-oauth login --profile work");
    }

    @Test
    void aSecretMakesAConfidentialClientAndNeedsAClientId() {
        CliSettings s = resolve(Map.of("NEON_CLIENT_ID", "app", "NEON_CLIENT_SECRET", "s3cret"));
        assertThat(s.client().isConfidential()).isTrue();
        assertThat(s.client().toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> resolve(Map.of("NEON_CLIENT_SECRET", "s3cret")))
                .isInstanceOf(CliException.class).hasMessageContaining("NEON_CLIENT_ID")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void plainHttpIsRefusedForNonLoopbackHosts() {
        assertThatThrownBy(() -> resolve(Map.of("NEON_CLIENT_ID", "a",
                "NEON_OAUTH_HOST", "http://oauth.example.test")))
                .isInstanceOf(CliException.class).hasMessageContaining("plain http");
    }

    @Test
    void scopesAcceptShortFormsAndRefuseInvalidOnes() {
        assertThat(CliSettings.parseScopes("openid, projects:read  orgs:read")).isEqualTo(
                ScopeSet.of(Scope.OPENID, NeonScopes.PROJECTS_READ, NeonScopes.ORGS_READ));
        assertThatThrownBy(() -> CliSettings.parseScopes("bad\"scope")).isInstanceOf(CliException.class);
        assertThat(loginScopes(Map.of("NEON_SCOPES", "openid offline"))).isEqualTo("openid offline");
        assertThat(loginScopes(Map.of("NEON_SCOPES", "openid offline"), "--scopes", "projects:read"))
                .isEqualTo("projects:read");
        assertThat(loginScopes(Map.of())).isNull();
        assertThat(CliSettings.loginScopes(Optional.of("projects:read"))).isEqualTo(ScopeSet.of(NeonScopes.PROJECTS_READ));
        assertThat(CliSettings.loginScopes(Optional.empty())).isEqualTo(NeonScopes.DEFAULT);
    }

    /** What login's --scopes is after parsing: the option, else NEON_SCOPES (picocli's default value provider). */
    private static String loginScopes(Map<String, String> env, String... args) {
        picocli.CommandLine cli = Main.commandLine(context(env));
        List<String> line = new ArrayList<>(List.of("login"));
        line.addAll(List.of(args));
        cli.parseArgs(line.toArray(String[]::new));
        return ((LoginCommand) cli.getSubcommands().get("login").getCommand()).scopes;
    }

    @Test
    void environmentValuesAreCheckedLikeOptionsAndAreUsageErrors() {
        assertThatThrownBy(() -> resolve(Map.of("NEON_PROFILE", "../etc")))
                .isInstanceOf(picocli.CommandLine.ParameterException.class).hasMessageContaining("NEON_PROFILE");
        assertThatThrownBy(() -> resolve(Map.of(), "--oauth-host", "not a url"))
                .isInstanceOf(picocli.CommandLine.ParameterException.class).hasMessageContaining("--oauth-host");
        assertThat(resolve(Map.of("NEON_PROFILE", "  ")).profile()).as("blank is unset").isEqualTo("default");
        assertThat(resolve(Map.of("NEON_PROFILE", "home"), "--profile", "work").profile()).isEqualTo("work");
        assertThat(resolve(Map.of("NEON_PROFILE", "home")).profile()).isEqualTo("home");
    }

    @Test
    void durationsInTheUsualForms() {
        assertThat(CliSettings.duration("90s", "x")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CliSettings.duration("5m", "x")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CliSettings.duration("250ms", "x")).isEqualTo(Duration.ofMillis(250));
        assertThat(CliSettings.duration("PT2H", "x")).isEqualTo(Duration.ofHours(2));
        assertThat(CliSettings.duration("30", "x")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> CliSettings.duration("soon", "--timeout")).isInstanceOf(CliException.class)
                .hasMessageContaining("--timeout");
    }

    @Test
    void theBrowserCommandDependsOnThePlatform() {
        URI u = URI.create("http://127.0.0.1:4444/oauth2/auth?x=1");
        assertThat(BrowserLauncher.command("Mac OS X", Map.of(), u)).contains(java.util.List.of("open", u.toString()));
        assertThat(BrowserLauncher.command("Linux", Map.of("DISPLAY", ":0"), u))
                .contains(java.util.List.of("xdg-open", u.toString()));
        assertThat(BrowserLauncher.command("Linux", Map.of(), u)).isEmpty();
        assertThat(BrowserLauncher.command("Windows 11", Map.of(), u)).isPresent();
    }
}
