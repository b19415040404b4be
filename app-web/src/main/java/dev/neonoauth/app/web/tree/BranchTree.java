package dev.neonoauth.app.web.tree;

import dev.neonoauth.neon.api.Branch;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays out a project's branches as a top-down tree built from {@code parent_id}, like Neon's branches visualizer.
 *
 * <p>The layout is the classic tidy one: leaves take consecutive columns in depth-first order (children by creation
 * time), and a parent is centred over its first and last child, so that no two boxes overlap and subtrees never
 * interleave, however deep or wide the tree. It runs without recursion, so a very deep tree cannot overflow the
 * stack. Branches whose parent is not in the list become roots; a parent cycle (which Neon cannot produce, but data
 * is data) is broken at its oldest branch.
 */
public final class BranchTree {
    public static final int NODE_WIDTH = 180;
    public static final int NODE_HEIGHT = 44;
    static final int H_GAP = 24;
    static final int V_GAP = 56;
    static final int MARGIN = 20;
    static final int MAX_LABEL = 22;
    /**
     * Wider trees are drawn left to right: one row per leaf, each parent on the row of its first child (like a file
     * tree), so that many branches scroll down like a list with the root at the top.
     */
    static final int MAX_TOP_DOWN_COLUMNS = 5;
    static final int ROW_GAP = 12;
    static final int LEVEL_GAP = 48;

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Comparator<Branch> ORDER = Comparator.comparing(Branch::createdAt)
            .thenComparing(Branch::name)
            .thenComparing(Branch::id);

    private BranchTree() {}

    public static TreeLayout layout(List<Branch> branches) {
        Map<String, Branch> byId = new LinkedHashMap<>();
        for (Branch b : branches) {
            byId.putIfAbsent(b.id(), b);
        }
        List<Branch> sorted = new ArrayList<>(byId.values());
        sorted.sort(ORDER);

        Map<String, List<Branch>> children = new HashMap<>();
        List<Branch> roots = new ArrayList<>();
        for (Branch b : sorted) {
            String parent = b.parentId().filter(p -> byId.containsKey(p) && !p.equals(b.id())).orElse(null);
            if (parent == null) {
                roots.add(b);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(b);
            }
        }

        Map<String, Integer> level = new HashMap<>();
        Map<String, Double> column = new HashMap<>();
        Map<String, Integer> firstLeaf = new HashMap<>();
        Map<String, String> drawnParent = new HashMap<>();
        Set<String> visited = new HashSet<>();
        int[] nextLeaf = {0};
        for (Branch root : roots) {
            place(root, children, level, column, firstLeaf, drawnParent, visited, nextLeaf);
        }
        // Branches not reached from a root sit on a parent cycle: start a new tree at the oldest of them.
        for (Branch b : sorted) {
            if (!visited.contains(b.id())) {
                place(b, children, level, column, firstLeaf, drawnParent, visited, nextLeaf);
            }
        }

        int columns = Math.max(1, nextLeaf[0]);
        boolean horizontal = columns > MAX_TOP_DOWN_COLUMNS;
        List<TreeLayout.Node> nodes = new ArrayList<>();
        Map<String, TreeLayout.Node> nodeById = new HashMap<>();
        int maxLevel = 0;
        for (Branch b : sorted) {
            int lvl = level.get(b.id());
            maxLevel = Math.max(maxLevel, lvl);
            double col = column.get(b.id());
            int x = horizontal ? MARGIN + lvl * (NODE_WIDTH + LEVEL_GAP)
                    : MARGIN + (int) Math.round(col * (NODE_WIDTH + H_GAP));
            int y = horizontal ? MARGIN + firstLeaf.get(b.id()) * (NODE_HEIGHT + ROW_GAP)
                    : MARGIN + lvl * (NODE_HEIGHT + V_GAP);
            TreeLayout.Node node = new TreeLayout.Node(x, y, b.id(), label(b.name()), tooltip(b), b.isDefault(),
                    drawnParent.getOrDefault(b.id(), ""), lvl, b.isProtected(), b.currentState());
            nodes.add(node);
            nodeById.put(b.id(), node);
        }
        List<TreeLayout.Edge> edges = new ArrayList<>();
        for (TreeLayout.Node node : nodes) {
            if (!node.parentId().isEmpty()) {
                TreeLayout.Node parent = nodeById.get(node.parentId());
                edges.add(new TreeLayout.Edge(parent.branchId(), node.branchId(), horizontal
                        ? horizontalEdge(parent, node) : verticalEdge(parent, node)));
            }
        }
        int levels = nodes.isEmpty() ? 1 : maxLevel + 1;
        int width = horizontal ? 2 * MARGIN + levels * NODE_WIDTH + (levels - 1) * LEVEL_GAP
                : 2 * MARGIN + columns * NODE_WIDTH + (columns - 1) * H_GAP;
        int height = horizontal ? 2 * MARGIN + columns * NODE_HEIGHT + (columns - 1) * ROW_GAP
                : 2 * MARGIN + levels * NODE_HEIGHT + (levels - 1) * V_GAP;
        return new TreeLayout(width, height, nodes, edges, nodes.isEmpty() ? 0 : levels, horizontal);
    }

    private static String verticalEdge(TreeLayout.Node parent, TreeLayout.Node child) {
        int x1 = parent.centerX();
        int y1 = parent.y() + NODE_HEIGHT;
        int x2 = child.centerX();
        int y2 = child.y();
        int mid = (y1 + y2) / 2;
        return "M" + x1 + " " + y1 + " C" + x1 + " " + mid + " " + x2 + " " + mid + " " + x2 + " " + y2;
    }

    /**
     * From the parent's right side to the child's left side at right angles, like a file tree: the children of one
     * parent share one vertical trunk.
     */
    private static String horizontalEdge(TreeLayout.Node parent, TreeLayout.Node child) {
        int x1 = parent.x() + NODE_WIDTH;
        int y1 = parent.y() + NODE_HEIGHT / 2;
        int x2 = child.x();
        int y2 = child.y() + NODE_HEIGHT / 2;
        int trunk = x1 + LEVEL_GAP / 2;
        return "M" + x1 + " " + y1 + " H" + trunk + " V" + y2 + " H" + x2;
    }

    /** Iterative post-order walk: leaves take the next column, parents are centred over their children. */
    private static void place(Branch start, Map<String, List<Branch>> children, Map<String, Integer> level,
            Map<String, Double> column, Map<String, Integer> firstLeaf, Map<String, String> drawnParent,
            Set<String> visited, int[] nextLeaf) {
        record Frame(Branch branch, int level, List<Branch> kids) {}
        Deque<Frame> stack = new ArrayDeque<>();
        Deque<Integer> cursor = new ArrayDeque<>();
        visited.add(start.id());
        stack.push(new Frame(start, 0, unvisited(children.getOrDefault(start.id(), List.of()), visited)));
        cursor.push(0);
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            int i = cursor.pop();
            if (i < top.kids().size()) {
                cursor.push(i + 1);
                Branch child = top.kids().get(i);
                if (visited.add(child.id())) {
                    drawnParent.put(child.id(), top.branch().id());
                    stack.push(new Frame(child, top.level() + 1,
                            unvisited(children.getOrDefault(child.id(), List.of()), visited)));
                    cursor.push(0);
                }
                continue;
            }
            stack.pop();
            level.put(top.branch().id(), top.level());
            List<Branch> placedKids = top.kids().stream()
                    .filter(k -> top.branch().id().equals(drawnParent.get(k.id())) && column.containsKey(k.id()))
                    .toList();
            if (placedKids.isEmpty()) {
                firstLeaf.put(top.branch().id(), nextLeaf[0]);
                column.put(top.branch().id(), (double) nextLeaf[0]++);
            } else {
                firstLeaf.put(top.branch().id(), firstLeaf.get(placedKids.get(0).id()));
                double first = column.get(placedKids.get(0).id());
                double last = column.get(placedKids.get(placedKids.size() - 1).id());
                column.put(top.branch().id(), (first + last) / 2);
            }
        }
    }

    private static List<Branch> unvisited(List<Branch> kids, Set<String> visited) {
        return kids.stream().filter(k -> !visited.contains(k.id())).toList();
    }

    static String label(String name) {
        return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "\u2026";
    }

    static String tooltip(Branch b) {
        StringBuilder t = new StringBuilder(b.name());
        if (b.isDefault()) {
            t.append(" (default)");
        }
        t.append('\n').append("id: ").append(b.id());
        t.append('\n').append("state: ").append(b.currentState());
        t.append('\n').append("created: ").append(CREATED.format(b.createdAt()));
        b.logicalSizeBytes().ifPresent(s -> t.append('\n').append("size: ").append(formatSize(s)));
        if (b.isProtected()) {
            t.append('\n').append("protected");
        }
        return t.toString();
    }

    /** A size for people: {@code 30408704} is "29 MiB". */
    public static String formatSize(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format(java.util.Locale.ROOT, "%.1f", value)
                : String.valueOf(Math.round(value))) + " " + units[unit];
    }

    public static String formatInstant(java.time.Instant instant) {
        return CREATED.format(instant);
    }
}
