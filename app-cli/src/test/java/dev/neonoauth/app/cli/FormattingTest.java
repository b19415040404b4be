package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neonoauth.neon.api.Branch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON and YAML documents (Jackson), the tables and the branch tree. */
class FormattingTest {

    @Test
    void jsonIsValidAndEscapesEverythingItMust() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "a \"quoted\" \\ name\nwith\ttabs\u0001 and ünïcode");
        value.put("n", 17);
        value.put("ok", true);
        value.put("missing", Optional.empty());
        value.put("at", Instant.parse("2026-01-02T03:04:05Z"));
        value.put("list", List.of("x", Map.of("k", "v")));
        value.put("empty", List.of());
        String json = Structured.json(value);
        var tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("name").asText()).isEqualTo("a \"quoted\" \\ name\nwith\ttabs\u0001 and ünïcode");
        assertThat(tree.get("n").asInt()).isEqualTo(17);
        assertThat(tree.get("missing").isNull()).isTrue();
        assertThat(tree.get("at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(tree.get("list").get(1).get("k").asText()).isEqualTo("v");
        assertThat(tree.get("empty").isArray()).isTrue();
    }

    @Test
    void yamlQuotesWhatWouldChangeMeaning() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("plain", "little-lab-123");
        value.put("bool_like", "yes");
        value.put("number_like", "17");
        value.put("colon", "a: b");
        value.put("empty", "");
        value.put("none", Optional.empty());
        value.put("scopes", List.of("openid", "urn:neoncloud:projects:read"));
        value.put("rows", List.of(Map.of("id", "p1"), Map.of("id", "p2")));
        assertThat(Structured.yaml(value)).isEqualTo("""
                plain: little-lab-123
                bool_like: "yes"
                number_like: "17"
                colon: "a: b"
                empty: ""
                none: null
                scopes:
                  - openid
                  - "urn:neoncloud:projects:read"
                rows:
                  - id: p1
                  - id: p2
                """);
        assertThat(Structured.yaml(List.of())).isEqualTo("[]\n");
    }

    @Test
    void tablesAlignColumnsAndStripControlCharacters() {
        String table = Tables.columns(List.of("ID", "NAME"), List.of(
                List.of("p-1", "short"), List.of("project-22", "evil\u001b[31mred")));
        assertThat(table).isEqualTo("ID          NAME\np-1         short\nproject-22  evil?[31mred\n");
    }

    @Test
    void theBranchTreeNestsChildrenUnderParentsInCreationOrder() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<Branch> branches = List.of(
                branch("br-c", "br-a", "feature", t.plusSeconds(3), false),
                branch("br-a", null, "main", t, true),
                branch("br-b", "br-a", "dev", t.plusSeconds(1), false),
                branch("br-d", "br-b", "fix", t.plusSeconds(4), false),
                branch("br-e", null, "schema-only", t.plusSeconds(5), false),
                branch("br-f", "br-gone", "orphan", t.plusSeconds(6), false));
        assertThat(BranchTree.render(branches)).isEqualTo("""
                main (br-a) [default] ready
                ├── dev (br-b) ready
                │   └── fix (br-d) ready
                └── feature (br-c) ready
                schema-only (br-e) ready
                orphan (br-f) ready
                """);
    }

    @Test
    void aParentCycleIsDrawnFlatRatherThanLost() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        String tree = BranchTree.render(List.of(branch("x", "y", "x", t, false), branch("y", "x", "y", t, false)));
        assertThat(tree).contains("x (x) ready (parent cycle)").contains("y (y) ready (parent cycle)");
    }

    private static Branch branch(String id, String parent, String name, Instant created, boolean isDefault) {
        return new Branch(id, "p", Optional.ofNullable(parent), name, isDefault, false, "ready", created, Optional.empty());
    }
}
