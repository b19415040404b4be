package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State in an H2 MVStore file survives a restart: a CLI signs in once and keeps using its tokens. */
class PersistenceTest {

    @TempDir
    Path dir;

    @Test
    void tokensProjectsAndSigningKeySurviveARestart() throws Exception {
        Path file = dir.resolve("sandbox.mv.db");
        TestHttp.Tokens tokens;
        String projectId;
        String jwks;
        try (NeonSandbox first = NeonSandbox.builder().persistTo(file).start()) {
            TestHttp h = new TestHttp(first);
            tokens = h.webTokens();
            projectId = TestHttp.parse(h.api("POST", "/projects", tokens.accessToken(), "{\"project\":{\"name\":\"kept\"}}").body())
                    .path("project").path("id").asText();
            jwks = h.get("/.well-known/jwks.json").body();
        }
        assertThat(Files.size(file)).isPositive();
        try (NeonSandbox second = NeonSandbox.builder().persistTo(file).start()) {
            TestHttp h = new TestHttp(second);
            JsonNode project = TestHttp.parse(h.api("GET", "/projects/" + projectId, tokens.accessToken(), null).body());
            assertThat(project.path("project").path("name").asText()).isEqualTo("kept");
            assertThat(TestHttp.parse(h.api("GET", "/projects", tokens.accessToken(), null).body()).path("projects"))
                    .as("seed data is not seeded twice").hasSize(4);
            assertThat(h.get("/.well-known/jwks.json").body()).isEqualTo(jwks);
            TestHttp.Tokens refreshed = TestHttp.Tokens.of(h.refresh(SandboxClient.DEFAULT_WEB_CLIENT_ID,
                    SandboxClient.DEFAULT_WEB_CLIENT_SECRET, tokens.refreshToken()));
            assertThat(h.api("GET", "/users/me", refreshed.accessToken(), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void inMemoryByDefaultSoNothingSurvives() {
        TestHttp.Tokens tokens;
        try (NeonSandbox first = NeonSandbox.builder().start()) {
            tokens = new TestHttp(first).webTokens();
        }
        try (NeonSandbox second = NeonSandbox.builder().start()) {
            assertThat(new TestHttp(second).api("GET", "/users/me", tokens.accessToken(), null).statusCode()).isEqualTo(401);
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private void assumePosix() {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions only");
    }

    @Test
    void stateFileIsCreatedOwnerOnlyAndDirectoriesTheSandboxCreatesAre0700() throws Exception {
        assumePosix();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("a/b/sandbox.mv.db");
        try (NeonSandbox sandbox = NeonSandbox.builder().persistTo(file).start()) {
            new TestHttp(sandbox).webTokens();
            assertThat(mode(file)).as("holds tokens and the signing key").isEqualTo("rw-------");
        }
        assertThat(Files.size(file)).as("MVStore wrote into the pre-created file").isPositive();
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("a"))).as("created by the sandbox").isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a/b"))).as("created by the sandbox").isEqualTo("rwx------");
        assertThat(mode(dir)).as("an existing parent is not the sandbox's to change").isEqualTo("rwxr-xr-x");
    }

    @Test
    void existingLooserStateFileIsTightenedAndItsStateKept() throws Exception {
        assumePosix();
        Path file = dir.resolve("sandbox.mv.db");
        TestHttp.Tokens tokens;
        try (NeonSandbox first = NeonSandbox.builder().persistTo(file).start()) {
            tokens = new TestHttp(first).webTokens();
        }
        // as left by an older sandbox (umask 022) or a careless copy
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));

        try (NeonSandbox second = NeonSandbox.builder().persistTo(file).start()) {
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(new TestHttp(second).api("GET", "/users/me", tokens.accessToken(), null).statusCode())
                    .as("the state survives the tightening").isEqualTo(200);
        }
        assertThat(mode(dir)).as("the existing parent directory is left alone").isEqualTo("rwxr-x---");
    }
}
