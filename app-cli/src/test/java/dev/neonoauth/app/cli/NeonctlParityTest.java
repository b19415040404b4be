package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table of neonctl commands and their neon-oauth equivalents in docs/app-cli.md is true: every row that names a
 * neon-oauth command is parsed out of the page and run in-process against the sandbox, in the table's order, once with
 * the table output and once with {@code -o json}, each pass on a project of its own ({@code PROJECT_ID}). A row must
 * exit 0, print its result (a JSON document that is not empty with {@code -o json}) and no error.
 */
class NeonctlParityTest {
    static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "app-cli.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static NeonSandbox sandbox;

    @TempDir
    Path dataDir;

    /** One row of the table: neonctl's command and neon-oauth's. */
    record Row(String neonctl, String neonOauth) {
        List<String> arguments(String projectId) {
            List<String> words = new ArrayList<>(Arrays.asList(neonOauth.strip().split("\\s+")));
            assertThat(words.remove(0)).as(neonOauth).isEqualTo("neon-oauth");
            words.replaceAll(w -> w.equals("PROJECT_ID") ? projectId : w);
            return words;
        }
    }

    @BeforeAll
    static void startSandbox() {
        sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL)
                .operationDelay(Duration.ofMillis(50)).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** The rows of the section "neonctl equivalents" whose second cell is a neon-oauth command. */
    static List<Row> rows() throws IOException {
        String page = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = page.indexOf("\n## neonctl equivalents\n");
        assertThat(start).as("docs/app-cli.md has a section 'neonctl equivalents'").isPositive();
        int end = page.indexOf("\n## ", start + 1);
        List<Row> rows = new ArrayList<>();
        for (String line : page.substring(start, end < 0 ? page.length() : end).split("\n")) {
            if (!line.startsWith("| `neonctl ")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            Matcher neonOauth = CODE.matcher(cells[2]);
            if (neonOauth.find() && neonOauth.group(1).startsWith("neon-oauth ")) {
                Matcher neonctl = CODE.matcher(cells[1]);
                assertThat(neonctl.find()).as(line).isTrue();
                rows.add(new Row(neonctl.group(1), neonOauth.group(1)));
            }
        }
        return rows;
    }

    @Test
    void theTableIsThereAndCoversTheIssuesCommands() throws IOException {
        List<String> commands = rows().stream().map(Row::neonOauth).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(20);
        for (String needed : List.of("neon-oauth login", "neon-oauth me", "neon-oauth orgs list",
                "neon-oauth profiles list", "neon-oauth connection-string", "neon-oauth databases list",
                "neon-oauth roles list", "neon-oauth branches create")) {
            assertThat(commands).as(needed).anyMatch(c -> c.startsWith(needed));
        }
    }

    @Test
    void everyRowWorksWithTheTableOutput() throws IOException {
        runTheTable(false);
    }

    @Test
    void everyRowWorksWithJsonOutput() throws IOException {
        runTheTable(true);
    }

    @Test
    void aRowThatDoesNotWorkFailsTheCheck() {
        CliHarness cli = loggedIn();
        String projectId = projectId(cli.run("-o", "json", "projects", "create", "--name", "broken"));
        for (String broken : List.of("neon-oauth branches get no-such-branch --project-id PROJECT_ID",
                "neon-oauth branches frobnicate --project-id PROJECT_ID", "neon-oauth projects get no-such-project")) {
            Row row = new Row("neonctl x", broken);
            for (boolean json : new boolean[] {false, true}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> check(cli, row, projectId, json))
                        .as(broken).isInstanceOf(AssertionError.class);
            }
        }
    }

    private CliHarness loggedIn() {
        CliHarness cli = new CliHarness(sandbox, dataDir).terminal(true);
        cli.login();
        cli.terminal(false); // plain progress lines: no spinner's control characters in the output checked
        return cli;
    }

    private void runTheTable(boolean json) throws IOException {
        CliHarness cli = loggedIn();
        String projectId = projectId(cli.run("-o", "json", "projects", "create", "--name", "parity"));
        for (Row row : rows()) {
            check(cli, row, projectId, json);
        }
    }

    /** Runs one row: exit 0, a result on standard output, no error; with -o json a document that is not empty. */
    private static void check(CliHarness cli, Row row, String projectId, boolean json) throws IOException {
        List<String> args = row.arguments(projectId);
        if (json) {
            args.add("-o");
            args.add("json");
        }
        cli.terminal(args.get(0).equals("login")); // a browser login needs a terminal
        CliHarness.Result r = cli.run(args.toArray(String[]::new));
        String what = String.join(" ", args) + " (neonctl: " + row.neonctl() + ")\n" + r;
        assertThat(r.exitCode()).as(what).isZero();
        assertThat(r.out()).as(what).isNotBlank();
        assertThat(r.err()).as(what).doesNotContain("Error");
        UserFacing.assertClean(r);
        if (json) {
            JsonNode document = JSON.readTree(r.out());
            assertThat(document.isContainerNode() && !document.isEmpty()).as(what).isTrue();
        } else {
            assertThat(r.out()).as(what).doesNotStartWith("{").doesNotStartWith("[");
        }
    }

    private static String projectId(CliHarness.Result created) {
        assertThat(created.exitCode()).as(created.toString()).isZero();
        try {
            return JSON.readTree(created.out()).get("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
