package dev.neonoauth.app.web.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.neon.api.Branch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BranchTreeTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Branch branch(String id, String parent, int minute) {
        return new Branch(id, "p1", Optional.ofNullable(parent), "name-" + id, parent == null, false, "ready",
                T0.plusSeconds(60L * minute), Optional.empty());
    }

    private static Map<String, TreeLayout.Node> byId(TreeLayout layout) {
        return layout.nodes().stream().collect(Collectors.toMap(TreeLayout.Node::branchId, Function.identity()));
    }

    private static void assertNoOverlap(TreeLayout layout) {
        List<TreeLayout.Node> nodes = layout.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                TreeLayout.Node a = nodes.get(i);
                TreeLayout.Node b = nodes.get(j);
                boolean apart = a.x() + BranchTree.NODE_WIDTH <= b.x() || b.x() + BranchTree.NODE_WIDTH <= a.x()
                        || a.y() + BranchTree.NODE_HEIGHT <= b.y() || b.y() + BranchTree.NODE_HEIGHT <= a.y();
                assertThat(apart).as("%s and %s overlap", a.branchId(), b.branchId()).isTrue();
            }
        }
        for (TreeLayout.Node n : nodes) {
            assertThat(n.x()).isGreaterThanOrEqualTo(0);
            assertThat(n.x() + BranchTree.NODE_WIDTH).isLessThanOrEqualTo(layout.width());
            assertThat(n.y() + BranchTree.NODE_HEIGHT).isLessThanOrEqualTo(layout.height());
        }
    }

    @Test
    void childrenSitBelowTheirParentWhichIsCentredOverThem() {
        TreeLayout layout = BranchTree.layout(List.of(
                branch("main", null, 0), branch("a", "main", 1), branch("b", "main", 2), branch("c", "main", 3),
                branch("a1", "a", 4)));
        Map<String, TreeLayout.Node> n = byId(layout);
        assertThat(n.get("main").level()).isZero();
        assertThat(n.get("a1").level()).isEqualTo(2);
        assertThat(n.get("a").y()).isGreaterThan(n.get("main").y());
        assertThat(n.get("main").centerX()).isEqualTo((n.get("a").centerX() + n.get("c").centerX()) / 2);
        assertThat(n.get("a").x()).isLessThan(n.get("b").x());
        assertThat(n.get("b").x()).isLessThan(n.get("c").x());
        assertThat(layout.edges()).hasSize(4).extracting(TreeLayout.Edge::toId).containsExactlyInAnyOrder("a", "b", "c", "a1");
        assertThat(n.get("main").isDefault()).isTrue();
        assertThat(n.get("main").tooltip()).contains("(default)").contains("id: main").contains("2025-01-01 00:00 UTC");
        assertNoOverlap(layout);
    }

    @Test
    void twoHundredBranchesReadLeftToRightWithTheRootAtTheTopAndEachParentOnItsFirstChildsRow() {
        List<Branch> many = new ArrayList<>();
        many.add(branch("root", null, 0));
        for (int i = 1; i < 200; i++) {
            many.add(branch("b" + i, i <= 24 ? "root" : "b" + ((i * 7) % 24 + 1), i));
        }
        TreeLayout layout = BranchTree.layout(many);
        assertThat(layout.horizontal()).isTrue();
        assertNoOverlap(layout);
        Map<String, TreeLayout.Node> n = byId(layout);
        assertThat(n.get("root").y()).isEqualTo(20);
        assertThat(n.get("root").x()).isEqualTo(20);
        for (TreeLayout.Node node : layout.nodes()) {
            if (!node.parentId().isEmpty()) {
                assertThat(node.x()).as("children are right of their parent").isGreaterThan(n.get(node.parentId()).x());
                assertThat(node.y()).as("and on or below its row").isGreaterThanOrEqualTo(n.get(node.parentId()).y());
            }
        }
        assertThat(n.get("b1").y()).isEqualTo(n.get("root").y());
        assertThat(layout.width()).as("as wide as its depth, not its leaves").isLessThan(1000);
        assertThat(BranchTree.formatSize(30_408_704L)).isEqualTo("29 MiB");
        assertThat(BranchTree.formatSize(1_500L)).isEqualTo("1.5 KiB");
        assertThat(BranchTree.formatSize(512L)).isEqualTo("512 bytes");
    }

    @Test
    void wideAndDeepTreesNeverOverlap() {
        List<Branch> wide = new ArrayList<>();
        wide.add(branch("root", null, 0));
        for (int i = 0; i < 60; i++) {
            wide.add(branch("w" + i, i % 3 == 0 ? "root" : "w" + (i - 1), i + 1));
        }
        TreeLayout w = BranchTree.layout(wide);
        assertNoOverlap(w);
        assertThat(w.nodes()).hasSize(61);

        List<Branch> deep = new ArrayList<>();
        deep.add(branch("d0", null, 0));
        for (int i = 1; i < 5000; i++) {
            deep.add(branch("d" + i, "d" + (i - 1), i));
        }
        TreeLayout d = BranchTree.layout(deep);
        assertThat(d.depth()).isEqualTo(5000);
        assertThat(d.width()).isEqualTo(2 * 20 + BranchTree.NODE_WIDTH);
    }

    @Test
    void orphansBecomeRootsAndCyclesAreBroken() {
        TreeLayout layout = BranchTree.layout(List.of(
                branch("main", null, 0), branch("orphan", "gone", 1), branch("x", "y", 2), branch("y", "x", 3)));
        Map<String, TreeLayout.Node> n = byId(layout);
        assertThat(n).hasSize(4);
        assertThat(n.get("orphan").level()).isZero();
        assertThat(n.get("orphan").parentId()).isEmpty();
        assertThat(n.get("x").level() + n.get("y").level()).isEqualTo(1);
        assertThat(layout.edges()).hasSize(1);
        assertNoOverlap(layout);
    }

    @Test
    void longNamesAreShortenedInTheBoxButKeptInTheTooltip() {
        String name = "a-very-long-branch-name-that-goes-on-and-on";
        Branch b = new Branch("br-1", "p1", Optional.empty(), name, true, false, "ready", T0, Optional.of(42L));
        TreeLayout.Node node = BranchTree.layout(List.of(b)).nodes().get(0);
        assertThat(node.label()).hasSize(22).endsWith("\u2026");
        assertThat(node.tooltip()).startsWith(name).contains("size: 42 bytes");
        assertThat(BranchTree.layout(List.of()).nodes()).isEmpty();
    }
}
