package dev.neonoauth.app.web.tree;

import java.util.List;

/**
 * A laid-out branch tree, ready to draw as SVG: node boxes and edge paths in pixels, and the canvas size.
 *
 * @param width canvas width
 * @param height canvas height
 * @param nodes one box per branch
 * @param edges one curve per parent-child link
 * @param depth the number of levels
 * @param horizontal drawn left to right (a wide tree: one row per leaf), else top down
 */
public record TreeLayout(int width, int height, List<Node> nodes, List<Edge> edges, int depth, boolean horizontal) {
    public TreeLayout {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A branch's box.
     *
     * @param x left edge
     * @param y top edge
     * @param branchId the branch id
     * @param label the name, shortened to fit the box
     * @param tooltip every detail, one per line (the SVG {@code <title>}: shown on hover)
     * @param isDefault the project's default branch
     * @param parentId the parent's id, or empty for a root
     * @param level the depth (0 for roots)
     * @param isProtected a protected branch
     * @param state Neon's state of the branch ({@code ready}, {@code init}, ...)
     */
    public record Node(int x, int y, String branchId, String label, String tooltip, boolean isDefault, String parentId,
            int level, boolean isProtected, String state) {
        public int centerX() {
            return x + BranchTree.NODE_WIDTH / 2;
        }

        public int textY() {
            return y + 19;
        }

        /** The second line: the state, and "protected". */
        public int subTextY() {
            return y + 35;
        }

        public boolean isReady() {
            return state.equals("ready");
        }

        public String status() {
            return state + (isProtected ? " · protected" : "") + (isDefault ? " · default" : "");
        }
    }

    /** A link from a parent's bottom to a child's top, as an SVG path. */
    public record Edge(String fromId, String toId, String path) {}
}
