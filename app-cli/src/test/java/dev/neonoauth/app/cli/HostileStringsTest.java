package dev.neonoauth.app.cli;

import static dev.neonoauth.app.cli.HostileServices.HOSTILE;
import static dev.neonoauth.app.cli.HostileServices.HOSTILE_ID;
import static dev.neonoauth.app.cli.HostileServices.oneLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings from a server with terminal escapes, bidirectional overrides and line separators in them never reach the
 * terminal raw, in any output mode (tables, the branch tree, messages, errors, JSON, YAML); the documents keep them
 * faithfully (escaped), and the text for people shows each control character as {@code ?}.
 */
class HostileStringsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    @TempDir
    Path dataDir;

    /** The whole command line with a Neon API that answers hostile strings (a configured client: no sandbox check). */
    private CliHarness hostileApi() {
        return new CliHarness(URI.create("http://127.0.0.1:9"), dataDir).terminal(false)
                .env("NEON_CLIENT_ID", "hostile-test").services((settings, env, ttl) -> new HostileServices());
    }

    @Test
    void anEmailFromTheServerIsShownWithoutItsEscapesAfterLoginAndInStatus() throws Exception {
        SandboxUser evil = new SandboxUser("0b6f2e1a-hostile-user", HOSTILE, "secret", "Evil", "User");
        try (NeonSandbox sandbox = NeonSandbox.builder().users(evil).headlessApproval(evil.id()).start()) {
            CliHarness cli = new CliHarness(sandbox, dataDir);
            CliHarness.Result login = cli.login();
            assertThat(login.out()).isEqualTo("Logged in to Neon as " + oneLine(HOSTILE) + " (profile default).\n");
            UserFacing.assertClean(login);

            CliHarness.Result status = cli.run("status");
            assertThat(status.out()).contains("user:").contains(oneLine(HOSTILE));
            UserFacing.assertClean(status);
            for (String format : new String[] {"json", "yaml"}) {
                CliHarness.Result document = cli.run("-o", format, "status");
                UserFacing.assertClean(document);
                JsonNode parsed = (format.equals("json") ? JSON : YAML).readTree(document.out());
                assertThat(parsed.get("user").asText()).as(format).isEqualTo(HOSTILE);
            }
        }
    }

    @Test
    void projectsCreateShowsTheIdAndNameWithoutEscapes() {
        CliHarness.Result created = hostileApi().run("projects", "create", "--name", "x");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.err()).contains("Created project " + oneLine(HOSTILE_ID) + " (" + oneLine(HOSTILE) + ").");
        assertThat(created.out()).contains(oneLine(HOSTILE_ID)).contains(oneLine(HOSTILE));
        UserFacing.assertClean(created);
    }

    @Test
    void branchesCreateAndTheTreeShowIdsAndNamesWithoutEscapes() {
        CliHarness cli = hostileApi();
        CliHarness.Result created = cli.run("branches", "create", "--project", "p", "--name", "x");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.err()).contains("Created branch " + oneLine(HOSTILE_ID) + " (" + oneLine(HOSTILE) + ").");
        UserFacing.assertClean(created);

        CliHarness.Result tree = cli.run("branches", "list", "--project", "p");
        assertThat(tree.exitCode()).as(tree.toString()).isZero();
        assertThat(tree.out().lines()).as("a name with line breaks draws no line of its own").hasSize(3);
        assertThat(tree.out()).contains("└── " + oneLine(HOSTILE) + " (" + oneLine(HOSTILE_ID) + ")");
        UserFacing.assertClean(tree);
    }

    @Test
    void tablesMessagesAndErrorsAreCleanInEveryCommand() {
        CliHarness cli = hostileApi();
        String[][] commands = {{"projects", "list"}, {"projects", "update", "p", "--name", "n"},
                {"projects", "recover", "p"}, {"status"}, {"branches", "delete", "--project", "p", "br-child"}};
        for (String[] command : commands) {
            CliHarness.Result r = cli.run(command);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).contains(oneLine(HOSTILE));
            UserFacing.assertClean(r);
        }
        CliHarness.Result failedOperation = cli.run("projects", "delete", "p");
        assertThat(failedOperation.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(failedOperation.err()).contains("Error: operation " + oneLine(HOSTILE_ID));
        UserFacing.assertClean(failedOperation);
        CliHarness.Result apiError = cli.run("projects", "get", "p");
        assertThat(apiError.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(apiError.err()).startsWith("Error: project " + oneLine(HOSTILE));
        assertThat(apiError.err().lines()).hasSize(1);
        UserFacing.assertClean(apiError);
        CliHarness.Result verbose = cli.run("--verbose", "projects", "get", "p");
        UserFacing.assertNoTerminalControls(verbose.toString(), verbose.all());
    }

    @Test
    void theNeonctlParityCommandsAreCleanAndPrintNoPasswordUnlessAsked() throws Exception {
        CliHarness cli = hostileApi();
        String[][] commands = {{"me"}, {"orgs", "list"}, {"branches", "get", "br-main", "--project-id", "p"},
                {"branches", "rename", "br-main", "x", "--project-id", "p"},
                {"branches", "set-default", "br-child", "--project-id", "p"},
                {"branches", "restore", "br-child", "^parent", "--project-id", "p"},
                {"branches", "add-compute", "br-child", "--project-id", "p"},
                {"databases", "list", "--project-id", "p"}, {"databases", "create", "--name", "d", "--project-id", "p",
                        "--owner-name", "o"}, {"databases", "delete", "d", "--project-id", "p"},
                {"roles", "list", "--project-id", "p"}, {"roles", "create", "--name", "r", "--project-id", "p"}};
        for (String[] command : commands) {
            for (String format : new String[] {"table", "json", "yaml"}) {
                CliHarness.Result r = cli.run(concat(command, "-o", format));
                assertThat(r.exitCode()).as(r.toString()).isZero();
                UserFacing.assertClean(r);
                assertThat(r.all()).as(r.toString()).doesNotContain(HostileServices.PASSWORD);
                if (format.equals("table")) {
                    assertThat(r.out()).as(r.toString()).contains(oneLine(HOSTILE));
                } else {
                    JsonNode parsed = (format.equals("json") ? JSON : YAML).readTree(r.out());
                    assertThat(parsed.toString()).as(format).contains(JSON.writeValueAsString(HOSTILE)
                            .replaceAll("^\"|\"$", ""));
                }
            }
        }
        CliHarness.Result uri = cli.run("connection-string", "--project-id", "p", "--role-name", "r");
        assertThat(uri.exitCode()).as(uri.toString()).isZero();
        assertThat(uri.out()).startsWith("postgresql://role:" + HostileServices.PASSWORD + "@" + oneLine(HOSTILE));
        UserFacing.assertClean(uri);
        CliHarness.Result password = cli.run("roles", "reveal-password", "r", "--project-id", "p");
        UserFacing.assertClean(password);
    }

    private static String[] concat(String[] command, String... more) {
        String[] all = java.util.Arrays.copyOf(command, command.length + more.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }

    @Test
    void jsonAndYamlKeepTheStringsFaithfullyAndEscaped() throws Exception {
        CliHarness cli = hostileApi();
        for (String format : new String[] {"json", "yaml"}) {
            ObjectMapper parser = format.equals("json") ? JSON : YAML;
            CliHarness.Result list = cli.run("-o", format, "projects", "list");
            UserFacing.assertClean(list);
            JsonNode projects = parser.readTree(list.out());
            assertThat(projects.get(0).get("id").asText()).as(format).isEqualTo(HOSTILE_ID);
            assertThat(projects.get(1).get("name").asText()).as(format).isEqualTo(HOSTILE);

            CliHarness.Result created = cli.run("-o", format, "projects", "create", "--name", "x");
            UserFacing.assertClean(created);
            JsonNode project = parser.readTree(created.out());
            assertThat(project.get("id").asText()).as(format).isEqualTo(HOSTILE_ID);
            assertThat(project.get("databases").get(0).asText()).as(format).isEqualTo(HOSTILE);

            CliHarness.Result branches = cli.run("-o", format, "branches", "list", "--project", "p");
            UserFacing.assertClean(branches);
            assertThat(parser.readTree(branches.out()).get(1).get("id").asText()).as(format).isEqualTo(HOSTILE_ID);
        }
    }
}
