package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Value;
import java.util.List;

/**
 * A static reference path: a root name followed by attribute and literal-index steps, as in
 * {@code module.net.kubernetes_role.reader["a"].metadata}.
 */
public record Traversal(String root, SourceRange rootRange, List<Step> steps) {

    public Traversal {
        steps = List.copyOf(steps);
    }

    /** One step after the root. */
    public sealed interface Step permits Attr, Index {
        SourceRange range();
    }

    /** {@code .name} */
    public record Attr(String name, SourceRange range) implements Step {
    }

    /** {@code [key]} with a literal key, or the legacy {@code .0} form. */
    public record Index(Value key, SourceRange range) implements Step {
    }

    /** The range of the whole traversal. */
    public SourceRange range() {
        return steps.isEmpty() ? rootRange : rootRange.to(steps.get(steps.size() - 1).range());
    }

    /** The traversal as written, such as {@code var.x[0]}. */
    public String display() {
        StringBuilder sb = new StringBuilder(root);
        for (Step s : steps) {
            appendStep(sb, s);
        }
        return sb.toString();
    }

    static void appendStep(StringBuilder sb, Step s) {
        if (s instanceof Attr a) {
            sb.append('.').append(a.name());
        } else {
            Value k = ((Index) s).key();
            sb.append('[');
            if (k.isKnown() && !k.isNull() && k.type() == dev.lockstep.api.value.Type.STRING) {
                sb.append('"').append(k.asString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(k);
            }
            sb.append(']');
        }
    }
}
