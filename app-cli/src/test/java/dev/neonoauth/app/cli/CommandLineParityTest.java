package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as neonctl's users expect it: branches by name or id, neonctl's command and option names, "did you
 * mean", help without the global options repeated, and the connection string, databases and roles commands' rules on
 * passwords.
 */
class CommandLineParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NeonSandbox sandbox;

    @TempDir
    Path dataDir;

    private CliHarness cli;
    private String project;

    @BeforeAll
    static void startSandbox() {
        sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL)
                .operationDelay(Duration.ofMillis(100)).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void logInAndCreateAProject() {
        cli = new CliHarness(sandbox, dataDir);
        cli.login();
        cli.terminal(false);
        project = json(cli.run("-o", "json", "projects", "create", "--name", "parity")).get("id").asText();
    }

    @Test
    void branchesAreAcceptedByNameOrIdEverywhere() {
        JsonNode dev = json(cli.run("-o", "json", "branches", "create", "--project-id", project, "--name", "dev",
                "--parent", "main"));
        String devId = dev.get("id").asText();
        assertThat(dev.get("name").asText()).isEqualTo("dev");
        assertThat(json(cli.run("branches", "get", "dev", "--project-id", project, "-o", "json")).get("id").asText())
                .isEqualTo(devId);
        assertThat(json(cli.run("branches", "get", devId, "--project-id", project, "-o", "json")).get("name").asText())
                .isEqualTo("dev");
        String childId = json(cli.run("-o", "json", "branches", "create", "--project", project, "--name", "dev",
                "--parent", "dev")).get("id").asText();
        assertThat(json(cli.run("branches", "get", childId, "--project-id", project, "-o", "json"))
                .get("parent_id").asText()).isEqualTo(devId);

        CliHarness.Result ambiguous = cli.run("branches", "get", "dev", "--project-id", project);
        assertThat(ambiguous.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(ambiguous.err()).startsWith("Error: the branch name 'dev' is ambiguous in project " + project
                + ": 2 branches have it (").contains(devId).contains(childId)
                .endsWith("); give the branch's id instead\n");
        CliHarness.Result unknown = cli.run("branches", "delete", "nosuch", "--project-id", project);
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(unknown.err()).isEqualTo("Error: no branch has the name or id 'nosuch' in project " + project
                + " (see: neon-oauth branches list --project-id " + project + ")\n");
        CliHarness.Result parent = cli.run("branches", "create", "--project-id", project, "--parent", "nosuch");
        assertThat(parent.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(parent.err()).startsWith("Error: no branch has the name or id 'nosuch'");

        assertThat(cli.run("branches", "delete", childId, "--project-id", project).exitCode()).isZero();
        assertThat(cli.run("branches", "rename", "dev", "feature", "--project-id", project).exitCode()).isZero();
        assertThat(cli.run("databases", "list", "--branch", "feature", "--project-id", project).out())
                .contains("neondb").contains(devId);
    }

    @Test
    void branchesCreateWaitsForItsOperationsAndPrintsTheFinalState() {
        CliHarness.Result created = cli.run("-o", "json", "branches", "create", "--project-id", project, "--name", "x");
        JsonNode branch = json(created);
        assertThat(created.err()).contains("Waiting for 2 operations").contains("Operations finished in");
        assertThat(branch.get("current_state").asText()).isEqualTo("ready");
        branch.get("operations").forEach(o -> assertThat(o.get("status").asText()).isEqualTo("finished"));
        assertThat(cli.run("cs", "x", "--project-id", project).out()).as("the branch got a compute")
                .startsWith("postgresql://");
        JsonNode bare = json(cli.run("-o", "json", "branches", "create", "--project-id", project, "--no-compute"));
        assertThat(bare.get("operations")).hasSize(1);
    }

    @Test
    void neonctlsCommandAndOptionNamesAreAliases() {
        assertThat(cli.run("project", "list").out()).contains(project);
        assertThat(cli.run("branch", "list", "--project", project).out()).contains("main");
        assertThat(cli.run("branches", "list", "--project-id", project).out()).contains("main");
        assertThat(cli.run("db", "list", "--project-id", project).out()).contains("neondb");
        assertThat(cli.run("database", "list", "--project-id", project).out()).contains("neondb");
        assertThat(cli.run("role", "list", "--project-id", project).out()).contains("neondb_owner");
        assertThat(cli.run("org", "list").exitCode()).isZero();
        assertThat(cli.run("profile", "list").out()).contains("default");
        CliHarness.Result cs = cli.run("cs", "main", "--project-id", project, "--role-name", "neondb_owner",
                "--database-name", "neondb", "--pooled");
        assertThat(cs.exitCode()).as(cs.toString()).isZero();
        assertThat(cs.out()).startsWith("postgresql://neondb_owner:").contains("-pooler.").endsWith("/neondb?sslmode=require\n");
    }

    @Test
    void aMistypedCommandOrOptionGetsASuggestion() {
        CliHarness.Result command = cli.run("porjects", "list");
        assertThat(command.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(command.err().lines().toList()).hasSize(2);
        assertThat(command.err()).startsWith("Error: unknown command 'porjects'. Did you mean 'projects'")
                .endsWith("?\nTry 'neon-oauth --help'.\n");
        CliHarness.Result missing = cli.run("databases");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("Error: missing subcommand: list, create, delete\n");
        CliHarness.Result sub = cli.run("branches", "lst");
        assertThat(sub.err()).startsWith("Error: unknown command 'lst'. Did you mean 'list'");
        CliHarness.Result option = cli.run("branches", "create", "--project-id", project, "--parnet", "main");
        assertThat(option.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(option.err()).startsWith("Error: unknown option '--parnet'. Did you mean '--parent'");
        UserFacing.assertClean(option);
    }

    @Test
    void helpListsTheGlobalOptionsOnceAndNoRepositoryPath() {
        CliHarness.Result root = cli.run("--help");
        assertThat(root.out()).contains("--profile=NAME").contains("--api-host=URL").contains("connection-string")
                .contains("databases").doesNotContain("docs/").doesNotContain(".md");
        CliHarness.Result sub = cli.run("branches", "create", "--help");
        assertThat(sub.out()).contains("--parent=BRANCH").contains("--project-id").contains("Global options")
                .doesNotContain("--profile=NAME").doesNotContain("--api-host=URL").doesNotContain("--client-auth=");
        assertThat(cli.run("projects", "list", "--profile", "default", "-o", "yaml").exitCode())
                .as("hidden from the help, still accepted").isZero();
    }

    @Test
    void anEnvironmentValueIsCheckedLikeTheOption() {
        CliHarness.Result bad = cli.env("NEON_PROFILE", "../etc").run("status");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("NEON_PROFILE").contains("../etc");
        UserFacing.assertClean(bad);
    }

    @Test
    void onlyConnectionStringAndRevealPasswordPrintAPassword() {
        String uri = cli.run("connection-string", "--project-id", project).out().strip();
        String password = uri.substring(uri.indexOf(':', "postgresql://".length()) + 1, uri.indexOf('@'));
        assertThat(password).isNotBlank();
        CliHarness.Result revealed = cli.run("roles", "reveal-password", "neondb_owner", "--project-id", project);
        assertThat(revealed.out()).isEqualTo(password + "\n");
        for (String format : new String[] {"table", "json", "yaml"}) {
            CliHarness.Result roles = cli.run("roles", "list", "--project-id", project, "-o", format);
            CliHarness.Result created = cli.run("roles", "create", "--name", "app_" + format, "--project-id", project,
                    "-o", format);
            assertThat(created.exitCode()).as(created.toString()).isZero();
            assertThat(roles.all() + created.all()).contains("neondb_owner").contains("app_" + format)
                    .doesNotContain(password).doesNotContain("npg_");
        }
        CliHarness.Result database = cli.run("connection-string", "--project-id", project, "--database-name", "nope");
        assertThat(database.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(database.err()).isEqualTo("Error: branch main has no database named 'nope' (it has: neondb)\n");
        CliHarness.Result pointInTime = cli.run("cs", "main@2026-01-01T00:00:00Z", "--project-id", project);
        assertThat(pointInTime.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.run("cs", "--project-id", project, "--ssl", "omit", "--prisma").out().strip())
                .endsWith("/neondb?connect_timeout=30");
    }

    @Test
    void profilesListShowsTheLoginsAndWhichIsInUse() {
        cli.terminal(true);
        cli.login("--profile", "work");
        cli.terminal(false);
        CliHarness.Result list = cli.run("profiles", "list");
        assertThat(list.out().lines().toList()).containsExactly("PROFILE  KIND     CURRENT  LOGGED_IN",
                "default  sandbox  *        yes", "work     sandbox           yes");
        assertThat(cli.run("--profile", "work", "logout").exitCode()).isZero();
        assertThat(json(cli.run("profiles", "list", "-o", "json")).size()).isEqualTo(1);
    }

    @Test
    void anErrorFromNeonIsItsMessageAndTheRequestId() {
        CliHarness.Result gone = cli.run("projects", "get", "no-such-project");
        assertThat(gone.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(gone.err()).matches("Error: project not found \\(request id [0-9a-f-]+\\)\n");
        CliHarness.Result notLoggedIn = cli.run("--profile", "nobody", "me");
        assertThat(notLoggedIn.exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        assertThat(notLoggedIn.err()).isEqualTo("Error: not logged in (profile nobody). Run: neon-oauth login --profile "
                + "nobody\n");
    }

    private static JsonNode json(CliHarness.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        try {
            return JSON.readTree(r.out());
        } catch (Exception e) {
            throw new AssertionError(r.toString(), e);
        }
    }
}
