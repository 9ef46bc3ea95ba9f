package dev.lockstep.planner.graph;

import dev.lockstep.api.diag.SourceRange;

/**
 * A declaration in the configuration that others can depend on: a variable, local value,
 * output, managed resource, data source or provider configuration; or a {@code check} block,
 * which nothing depends on but whose references are checked like any other.
 *
 * @param kind what is declared
 * @param name the name as referenced ({@code x} for {@code var.x}, {@code type.name} for a resource)
 * @param range where it is declared
 */
public record GraphNode(Kind kind, String name, SourceRange range) implements Comparable<GraphNode> {

    /** What a node declares. */
    public enum Kind {
        VARIABLE("var."),
        LOCAL("local."),
        PROVIDER("provider."),
        DATA("data."),
        RESOURCE(""),
        OUTPUT("output."),
        CHECK("check.");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** The node's address as written in references and messages, such as {@code var.region}. */
    public String id() {
        return kind.prefix() + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphNode n && n.kind == kind && n.name.equals(name);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + name.hashCode();
    }

    @Override
    public int compareTo(GraphNode o) {
        return id().compareTo(o.id());
    }

    @Override
    public String toString() {
        return id();
    }
}
