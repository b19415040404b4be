package dev.neonoauth.app.cli;

import dev.neonoauth.neon.api.Branch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a project's branches as a tree with box-drawing characters, from each branch's {@code parent_id}. Roots are
 * the branches without a parent (or whose parent is not in the list); siblings are ordered by creation time. The
 * default branch is marked. Names, ids and states are one line each ({@link TerminalText#line}): a name with a line break
 * cannot draw a branch of its own.
 *
 * <pre>
 * main (br-...) [default] ready
 * ├── dev (br-...) ready
 * │   └── feature-x (br-...) ready
 * └── staging (br-...) ready
 * </pre>
 */
final class BranchTree {
    private static final Comparator<Branch> ORDER =
            Comparator.comparing(Branch::createdAt).thenComparing(Branch::name).thenComparing(Branch::id);

    private BranchTree() {}

    static String render(List<Branch> branches) {
        Map<String, Branch> byId = new LinkedHashMap<>();
        branches.forEach(b -> byId.put(b.id(), b));
        Map<String, List<Branch>> children = new LinkedHashMap<>();
        List<Branch> roots = new ArrayList<>();
        for (Branch b : branches) {
            String parent = b.parentId().filter(byId::containsKey).orElse(null);
            if (parent == null || parent.equals(b.id())) {
                roots.add(b);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(b);
            }
        }
        roots.sort(ORDER);
        children.values().forEach(list -> list.sort(ORDER));
        StringBuilder sb = new StringBuilder();
        Set<String> drawn = new HashSet<>();
        for (Branch root : roots) {
            sb.append(label(root)).append('\n');
            drawn.add(root.id());
            drawChildren(sb, root, "", children, drawn);
        }
        // A parent cycle has no root; draw what is left flat rather than lose it.
        for (Branch b : branches) {
            if (drawn.add(b.id())) {
                sb.append(label(b)).append(" (parent cycle)\n");
            }
        }
        return sb.toString();
    }

    private static void drawChildren(StringBuilder sb, Branch parent, String prefix, Map<String, List<Branch>> children,
            Set<String> drawn) {
        List<Branch> kids = children.getOrDefault(parent.id(), List.of());
        for (int i = 0; i < kids.size(); i++) {
            Branch child = kids.get(i);
            if (!drawn.add(child.id())) {
                continue;
            }
            boolean last = i == kids.size() - 1;
            sb.append(prefix).append(last ? "└── " : "├── ").append(label(child)).append('\n');
            drawChildren(sb, child, prefix + (last ? "    " : "│   "), children, drawn);
        }
    }

    private static String label(Branch b) {
        StringBuilder sb = new StringBuilder(TerminalText.line(b.name())).append(" (").append(TerminalText.line(b.id())).append(')');
        if (b.isDefault()) {
            sb.append(" [default]");
        }
        if (b.isProtected()) {
            sb.append(" [protected]");
        }
        return sb.append(' ').append(TerminalText.line(b.currentState())).toString();
    }
}
