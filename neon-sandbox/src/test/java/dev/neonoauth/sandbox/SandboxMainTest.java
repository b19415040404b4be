package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone entry point: options, banner, and a real child process that starts with one command. */
class SandboxMainTest {

    @TempDir
    Path dir;

    @Test
    void runWithPortZeroPrintsItsUrlsClientsAndUser() throws Exception {
        Path faults = dir.resolve("faults.json");
        Files.writeString(faults, "{\"rules\":[{\"route\":\"GET /api/v2/users/me\",\"status\":503,\"times\":1}]}");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        NeonSandbox s = SandboxMain.run(new String[] {"--port", "0", "--access-token-ttl", "90s", "--faults", faults.toString()},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            String out = buffer.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("Issuer:                 " + s.issuer())
                    .contains("Authorization endpoint: " + s.baseUri() + "/oauth2/auth")
                    .contains("Token endpoint:         " + s.baseUri() + "/oauth2/token")
                    .contains("API base URL:           " + s.baseUri() + "/api/v2")
                    .contains("neon-oauth-web").contains("sandbox-web-secret").contains("neon-oauth-cli").contains("neonctl")
                    .contains("sandbox@example.com / sandbox");
            assertThat(s.port()).isPositive();
            TestHttp h = new TestHttp(s);
            TestHttp.Tokens t = h.webTokens();
            assertThat(t.expiresIn()).isEqualTo(90);
            assertThat(h.api("GET", "/users/me", t.accessToken(), null).statusCode()).isEqualTo(503);
        } finally {
            s.close();
        }
    }

    @Test
    void theRefreshReuseErrorComesFromTheFlagOrTheEnvironmentAndDefaultsToTokenInactive() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (NeonSandbox byDefault = SandboxMain.run(new String[] {"--port", "0"}, Map.of(), quiet)) {
            assertThat(byDefault.describe()).containsEntry("refreshReuseError", "token_inactive");
        }
        try (NeonSandbox fromEnv = SandboxMain.run(new String[] {"--port", "0"},
                Map.of(RefreshReuseError.ENV, "invalid_grant"), quiet)) {
            assertThat(fromEnv.describe()).containsEntry("refreshReuseError", "invalid_grant");
        }
        try (NeonSandbox flagWins = SandboxMain.run(new String[] {"--port", "0", "--refresh-reuse-error", "token_inactive"},
                Map.of(RefreshReuseError.ENV, "invalid_grant"), quiet)) {
            assertThat(flagWins.describe()).containsEntry("refreshReuseError", "token_inactive");
        }
        assertThatThrownBy(() -> SandboxMain.run(new String[] {"--port", "0"}, Map.of(RefreshReuseError.ENV, "already_used"), quiet))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(RefreshReuseError.ENV);
        assertThatThrownBy(() -> SandboxMain.run(new String[] {"--refresh-reuse-error", "bogus"}, Map.of(), quiet))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token_inactive or invalid_grant");
    }

    @Test
    void helpAndBadOptions() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        assertThat(SandboxMain.run(new String[] {"--help"}, new PrintStream(buffer, true, StandardCharsets.UTF_8))).isNull();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--port N").contains("--headless-approval EMAIL")
                .contains("--refresh-reuse-error E").contains(RefreshReuseError.ENV);
        assertThatThrownBy(() -> SandboxMain.run(new String[] {"--bogus"}, System.out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.run(new String[] {"--port"}, System.out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.run(new String[] {"--access-token-ttl", "soon"}, System.out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void childProcessStartsWithOneCommandAndStopsOnSignal() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SandboxMain.class.getName(),
                "--port", "0", "--headless-approval", "sandbox@example.com", "--data", dir.resolve("cli.mv.db").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String issuer = null;
            Pattern issuerLine = Pattern.compile("\\s*Issuer:\\s+(http://127\\.0\\.0\\.1:\\d+/)");
            for (String line; issuer == null && (line = out.readLine()) != null; ) {
                lines.add(line);
                Matcher m = issuerLine.matcher(line);
                if (m.matches()) {
                    issuer = m.group(1);
                }
            }
            assertThat(issuer).as("banner %s", lines).isNotNull();
            for (String line; lines.stream().noneMatch(l -> l.contains("WARNING: headless approval is ON")) && (line = out.readLine()) != null; ) {
                lines.add(line);
            }
            assertThat(lines).anyMatch(l -> l.contains("WARNING: headless approval is ON for sandbox@example.com"));
            TestHttp h = new TestHttp(null);
            assertThat(h.get(URI.create(issuer + ".well-known/openid-configuration")).body()).contains("\"issuer\":\"" + issuer + "\"");
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.exists(dir.resolve("cli.mv.db"))).isTrue();
    }
}
