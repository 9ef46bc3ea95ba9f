package dev.lockstep.cli.render;

import java.util.List;
import java.util.Map;

/**
 * A block body's change in the text plan, drawn as Terraform's block renderer draws it: first the
 * attributes (sorted, keys aligned over all of them, identifying ones always shown, unchanged
 * ones counted), then the nested blocks by type name, each block on its own {@code name {}
 * lines with its own action symbol, a blank line before the first block shown of each type, and
 * the unchanged blocks counted at the end. A resource's values are the outermost body.
 *
 * @param force the {@code # forces replacement} note after the opening brace, or empty
 */
record BlockBody(Style style, Kind kind, Map<String, DiffNode> attributes, List<BlockBody.Group> groups, String force)
        implements DiffNode {

    /**
     * The blocks of one type, in order. {@code unknown} when the collection of blocks is not known
     * yet (a dynamic block over a collection known only after apply): a line {@code name (known
     * after apply)} comes first, with {@code force} after it.
     *
     * @param changed whether the group changes the body it is in
     */
    record Group(String name, List<DiffNode> blocks, boolean unknown, String force, boolean changed) {
    }

    /** A block whose content is (or was) sensitive: its content is not shown at all. */
    record Sensitive(Kind kind, String force) implements DiffNode {

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            return "{" + force + "\n" + DiffNode.pad(ind + 4) + "# At least one attribute in this block is (or was) "
                    + "sensitive,\n" + DiffNode.pad(ind + 4) + "# so its contents will not be displayed.\n"
                    + DiffNode.pad(ind + 2) + "}";
        }
    }

    /**
     * @param nullSuffix whether deleted attributes end in {@code -> null}: they do in blocks (of a
     *     deleted resource, or deleted blocks), except in the old value of a block that becomes
     *     unknown
     */
    @Override
    public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
        if (attributes.isEmpty() && groups.isEmpty()) {
            return "{}" + force;
        }
        StringBuilder sb = new StringBuilder("{").append(force).append('\n');
        int hidden = DiffNode.entryLines(sb, style, attributes, false, ind, nullSuffix, showUnchanged);
        DiffNode.hiddenLine(sb, ind, hidden, "attribute");
        int unchangedBlocks = 0;
        for (Group g : groups) {
            boolean first = true;
            if (g.unknown()) {
                DiffNode line = new DiffNode.Leaf(kind, ValueText.UNKNOWN, ValueText.UNKNOWN, g.force());
                first = block(sb, g.name(), line, ind, first, nullSuffix, showUnchanged);
                unchangedBlocks += kind == Kind.NOOP && !showUnchanged ? 1 : 0;
            }
            for (DiffNode b : g.blocks()) {
                first = block(sb, g.name(), b, ind, first, nullSuffix, showUnchanged);
                unchangedBlocks += b.kind() == Kind.NOOP && !showUnchanged ? 1 : 0;
            }
        }
        if (unchangedBlocks > 0) {
            sb.append('\n');
            DiffNode.hiddenLine(sb, ind, unchangedBlocks, "block");
        }
        return sb.append(DiffNode.pad(ind + 2)).append('}').toString();
    }

    /** Writes one block unless it is hidden; returns whether no block of its type was written yet. */
    private boolean block(StringBuilder sb, String name, DiffNode b, int ind, boolean first, boolean nullSuffix,
            boolean showUnchanged) {
        if (b.kind() == Kind.NOOP && !showUnchanged) {
            return first;
        }
        if (first && !attributes.isEmpty()) {
            sb.append('\n');
        }
        sb.append(DiffNode.pad(ind + 4)).append(DiffNode.sym(style, b.kind())).append(' ')
                .append(ValueText.key(name, false)).append(' ').append(b.render(ind + 4, nullSuffix, showUnchanged))
                .append('\n');
        return false;
    }
}
