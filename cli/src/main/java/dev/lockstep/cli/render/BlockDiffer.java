package dev.lockstep.cli.render;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.cli.render.DiffNode.Kind;
import dev.lockstep.planner.engine.Diffs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the diff of a block body from its schema, as Terraform's differ does: the nested block
 * types of the schema become groups of blocks (a single block; a list paired index by index; a
 * set whose equal blocks are unchanged and the others deleted or created), every other value is
 * an attribute, diffed by {@link ValueDiffer}. Attributes and blocks null on both sides are left
 * out. In the body of a schema the legacy plugin SDK could have declared, an empty string counts
 * as null.
 */
final class BlockDiffer {

    /** Diffs the attributes, and tells what forces a replacement and whether a secret changed. */
    private final ValueDiffer differ;

    BlockDiffer(ValueDiffer differ) {
        this.differ = differ;
    }

    /**
     * The body of {@code b} to {@code a} (a Java null: the block is created or deleted).
     *
     * @param modern whether an enclosing body already uses a feature the legacy SDK lacked
     * @param force the {@code # forces replacement} note after the opening brace, or empty
     */
    BlockBody body(BlockSchema s, Value b, Value a, AttributePath p, boolean modern, String force) {
        boolean nonLegacy = modern || nonLegacy(s);
        ValueDiffer values = nonLegacy ? differ : differ.blankAsNull();
        Set<String> keys = new TreeSet<>();
        keys.addAll(fieldsOf(b).keySet());
        keys.addAll(fieldsOf(a).keySet());
        Map<String, DiffNode> attributes = new LinkedHashMap<>();
        List<BlockBody.Group> groups = new ArrayList<>();
        boolean changed = false;
        for (String k : keys) {
            Value bk = fieldsOf(b).get(k);
            Value ak = fieldsOf(a).get(k);
            NestedBlockSchema nested = s.blocks().get(k);
            if (nested != null) {
                BlockBody.Group g = group(nested, bk, ak, p.attr(k), nonLegacy);
                if (g != null) {
                    groups.add(g);
                    changed |= g.changed();
                }
                continue;
            }
            if (ValueDiffer.absentIfNull(bk) != null || ValueDiffer.absentIfNull(ak) != null) {
                DiffNode n = values.attribute(bk, ak, p.attr(k));
                attributes.put(k, n);
                changed |= n.kind() != Kind.NOOP;
            }
        }
        Kind kind = b == null ? Kind.CREATE : a == null ? Kind.DELETE : changed ? Kind.UPDATE : Kind.NOOP;
        return new BlockBody(differ.style(), kind, attributes, groups, force);
    }

    /** The blocks of one type, or null when there are none on either side. */
    private BlockBody.Group group(NestedBlockSchema nested, Value b, Value a, AttributePath p, boolean modern) {
        String force = differ.force(p);
        if (isSensitive(b) || isSensitive(a)) {
            // a redacted collection of blocks cannot be counted: it is shown as one block
            Value bv = noBlocks(b) ? null : b;
            Value av = noBlocks(a) ? null : a;
            if (bv == null && av == null) {
                return null;
            }
            return newGroup(nested, List.of(new BlockBody.Sensitive(kind(bv, av, p), force)), false, "", false);
        }
        if (nested.nesting() == NestedBlockSchema.Nesting.SINGLE) {
            Value bv = ValueDiffer.absentIfNull(b);
            Value av = ValueDiffer.absentIfNull(a);
            return bv == null && av == null ? null
                    : newGroup(nested, List.of(block(nested.block(), bv, av, p, force, modern)), false, "", false);
        }
        boolean unknown = a != null && !a.isKnown();
        if (ValueDiffer.absentIfNull(b) == null && ValueDiffer.absentIfNull(a) == null && !unknown) {
            return null;
        }
        List<Value> before = elements(b);
        List<Value> after = unknown ? List.of() : elements(a);
        List<DiffNode> blocks = new ArrayList<>();
        if (nested.nesting() == NestedBlockSchema.Nesting.LIST) {
            for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
                blocks.add(block(nested.block(), i < before.size() ? before.get(i) : null,
                        i < after.size() ? after.get(i) : null, p.index(i), force, modern));
            }
        } else {
            boolean[] matched = new boolean[after.size()];
            for (Value x : before) {
                int at = indexOfEqual(after, matched, x);
                blocks.add(block(nested.block(), x, at < 0 ? null : after.get(at), p, force, modern));
            }
            for (int j = 0; j < after.size(); j++) {
                if (!matched[j]) {
                    blocks.add(block(nested.block(), null, after.get(j), p, force, modern));
                }
            }
        }
        // a collection that becomes unknown changes the body, unless there was none before
        return newGroup(nested, blocks, unknown, unknown ? force : "", unknown && b != null && !b.isNull());
    }

    private static BlockBody.Group newGroup(NestedBlockSchema nested, List<DiffNode> blocks, boolean unknown,
            String force, boolean unknownChanges) {
        boolean changed = unknownChanges || blocks.stream().anyMatch(n -> n.kind() != Kind.NOOP);
        return new BlockBody.Group(nested.name(), blocks, unknown, force, changed);
    }

    /** The first element of {@code in} not yet matched and equal to {@code x} (marked matched), or -1. */
    private static int indexOfEqual(List<Value> in, boolean[] matched, Value x) {
        for (int j = 0; j < in.size(); j++) {
            if (!matched[j] && x.isWhollyKnown() && Diffs.sameValue(x, in.get(j))) {
                matched[j] = true;
                return j;
            }
        }
        return -1;
    }

    /**
     * One block. {@code force} is the note of its whole group; without one, the block's own. A
     * block that becomes unknown shows its old content, each attribute known after apply.
     */
    private DiffNode block(BlockSchema s, Value b, Value a, AttributePath p, String force, boolean modern) {
        String note = force.isEmpty() ? differ.force(p) : force;
        if (isSensitive(b) || isSensitive(a)) {
            return new BlockBody.Sensitive(kind(b, a, p), note);
        }
        if (a != null && !a.isKnown()) {
            if (b == null) {
                return new DiffNode.Leaf(Kind.CREATE, "", ValueText.UNKNOWN, note);
            }
            Map<String, Value> unknown = new LinkedHashMap<>();
            s.attributes().forEach((n, at) -> unknown.put(n, Value.unknown(at.type())));
            return new DiffNode.Replaced(body(s, b, Value.object(unknown), p, modern, ""), ValueText.UNKNOWN, note);
        }
        if (b != null && !b.isKnown()) {
            return differ.diff(b, a, p);
        }
        return body(s, b, a, p, modern, note);
    }

    /** The action on a value that is (or was) sensitive, from its presence and the engine's changed paths. */
    private Kind kind(Value b, Value a, AttributePath p) {
        return b == null ? Kind.CREATE : a == null ? Kind.DELETE : differ.secretChanged(b, a, p) ? Kind.UPDATE
                : Kind.NOOP;
    }

    private static boolean isSensitive(Value v) {
        return v != null && v.isSensitive();
    }

    /** Whether {@code v} holds no block: absent, null, or an empty collection (not a redacted one). */
    private static boolean noBlocks(Value v) {
        return v == null || (!v.isSensitive() && (v.isNull() || (v.isKnown() && v.isSequence() && v.length() == 0)));
    }

    private static List<Value> elements(Value v) {
        return v == null || v.isNull() || !v.isKnown() ? List.of() : v.elements();
    }

    /** The attributes and blocks in an object value: none in a null or unknown one. */
    private static Map<String, Value> fieldsOf(Value v) {
        return v == null || v.isNull() || !v.isKnown() || !v.isMapping() ? Map.of() : v.attributes();
    }

    /**
     * Whether {@code s} uses a feature the legacy plugin SDK lacked (so that it tells empty strings
     * from nulls): an attribute of a dynamic, object or tuple type, or a collection of collections
     * of non-primitive values.
     */
    static boolean nonLegacy(BlockSchema s) {
        for (AttributeSchema a : s.attributes().values()) {
            Type t = a.type();
            if (t.hasDynamic() || t instanceof ObjectType || t instanceof TupleType) {
                return true;
            }
            Type et = t.elementType();
            if (et != null && et.isCollection() && !et.elementType().isPrimitive()) {
                return true;
            }
        }
        return false;
    }
}
