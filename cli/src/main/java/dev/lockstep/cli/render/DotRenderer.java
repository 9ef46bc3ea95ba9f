package dev.lockstep.cli.render;

import dev.lockstep.planner.graph.DependencyGraph;
import dev.lockstep.planner.graph.GraphNode;
import java.util.ArrayList;
import java.util.List;

/** Renders a dependency graph as Graphviz DOT, one node per declaration, edges pointing at dependencies. */
public final class DotRenderer {

    private DotRenderer() {
    }

    public static String render(DependencyGraph<GraphNode> g) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph lockstep {\n");
        sb.append("  compound = \"true\"\n");
        sb.append("  newrank = \"true\"\n");
        sb.append("  rankdir = \"RL\"\n");
        List<GraphNode> nodes = new ArrayList<>(g.nodes());
        nodes.sort(null);
        for (GraphNode n : nodes) {
            sb.append("  ").append(quote(n.id())).append(" [label = ").append(quote(n.id()))
                    .append(", shape = ").append(shape(n.kind())).append("]\n");
        }
        for (GraphNode n : nodes) {
            List<GraphNode> deps = new ArrayList<>(g.dependencies(n));
            deps.sort(null);
            for (GraphNode d : deps) {
                sb.append("  ").append(quote(n.id())).append(" -> ").append(quote(d.id())).append('\n');
            }
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String shape(GraphNode.Kind k) {
        switch (k) {
            case VARIABLE:
                return "note";
            case LOCAL:
                return "ellipse";
            case OUTPUT:
                return "oval";
            case PROVIDER:
                return "diamond";
            case DATA:
                return "component";
            default:
                return "box";
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
