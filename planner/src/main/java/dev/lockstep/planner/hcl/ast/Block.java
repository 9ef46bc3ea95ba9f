package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import java.util.List;

/** {@code type "label" ... { body }}. */
public record Block(String type, List<Label> labels, Body body, SourceRange typeRange, SourceRange range)
        implements Body.BodyItem {

    public Block {
        labels = List.copyOf(labels);
    }

    /** A block label, quoted or bare, with where it was written. */
    public record Label(String value, SourceRange range) {
    }

    /** The range from the type name through the labels: what a diagnostic about the block points at. */
    public SourceRange headerRange() {
        return labels.isEmpty() ? typeRange : typeRange.to(labels.get(labels.size() - 1).range());
    }

    public String label(int i) {
        return labels.get(i).value();
    }
}
