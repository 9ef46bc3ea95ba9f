package dev.lockstep.cli.render;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.AttributePath;
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
 * Builds the diff of one resource instance's (or output's) values. {@code forces} are the paths
 * that force a replacement; {@code changed} the paths the engine found changed, consulted where
 * a side holds a redacted secret that cannot be compared (null: compare values).
 */
final class ValueDiffer {
    private final Style style;
    private final Set<AttributePath> forces;
    private final Set<AttributePath> changed;
    private final boolean blankIsNull;

    ValueDiffer(Style style, Set<AttributePath> forces, Set<AttributePath> changed) {
        this(style, forces, changed, false);
    }

    private ValueDiffer(Style style, Set<AttributePath> forces, Set<AttributePath> changed, boolean blankIsNull) {
        this.style = style;
        this.forces = forces;
        this.changed = changed;
        this.blankIsNull = blankIsNull;
    }

    /**
     * A resource body: attributes null on both sides are left out (at every depth), identifying
     * ones ({@code id}, {@code name}, {@code tags}) always shown (in nested objects too, as
     * Terraform does), and the nested blocks of {@code schema} shown as blocks; with no schema
     * (null) every value is an attribute.
     */
    BlockBody resource(BlockSchema schema, Value before, Value after) {
        BlockDiffer blocks = new BlockDiffer(this);
        return schema == null ? blocks.body(BlockSchema.EMPTY, before, after, AttributePath.ROOT, true, "")
                : blocks.body(schema, before, after, AttributePath.ROOT, false, "");
    }

    Style style() {
        return style;
    }

    /**
     * This differ counting empty strings as null, at every depth, as Terraform does in the values
     * of a schema the legacy plugin SDK could have declared (that SDK cannot tell them apart).
     */
    ValueDiffer blankAsNull() {
        return blankIsNull ? this : new ValueDiffer(style, forces, changed, true);
    }

    /**
     * The diff of an attribute of an object or a block, recorded because it is not null on both
     * sides. Terraform takes these as implicit: an empty string that counts as null makes the
     * attribute absent on that side (a creation or deletion), or unchanged null on both.
     */
    DiffNode attribute(Value b, Value a, AttributePath p) {
        b = absentIfNull(blank(b));
        a = absentIfNull(blank(a));
        return b == null && a == null ? new DiffNode.Leaf(Kind.NOOP, "null", "null", force(p)) : diff(b, a, p);
    }

    /** {@code v} with an empty string as a null where that counts as null (an element of a list or map stays there). */
    private Value blank(Value v) {
        boolean empty = v != null && blankIsNull && v.isKnown() && !v.isNull() && !v.isSensitive()
                && v.type() == Type.STRING && v.asString().isEmpty();
        return empty ? Value.nullOf(Type.STRING) : v;
    }

    /** {@code  # forces replacement} when a change at {@code p} forces the replacement, else empty. */
    String force(AttributePath p) {
        return forces.contains(p) ? " " + style.red("# forces replacement") : "";
    }

    /** The diff of {@code b} to {@code a} at {@code p}; a Java null is an absent side (created or deleted). */
    DiffNode diff(Value b, Value a, AttributePath p) {
        String force = force(p);
        if (b == null && a == null) {
            return new DiffNode.Leaf(Kind.NOOP, "null", "null", force); // absent on both sides: nothing changes
        }
        if ((b != null && b.isSensitive()) || (a != null && a.isSensitive())) {
            Kind k = b == null ? Kind.CREATE : a == null ? Kind.DELETE
                    : secretChanged(b, a, p) ? Kind.UPDATE : Kind.NOOP;
            return new DiffNode.Leaf(k, ValueText.SENSITIVE, ValueText.SENSITIVE, force);
        }
        if (a != null && !a.isKnown()) {
            if (b == null) {
                return new DiffNode.Leaf(Kind.CREATE, "", ValueText.UNKNOWN, force);
            }
            if (isComplex(b)) {
                return new DiffNode.Replaced(diff(b, null, p), ValueText.UNKNOWN, force);
            }
            return new DiffNode.Leaf(Kind.UPDATE, text(b), ValueText.UNKNOWN, force);
        }
        if (b != null && !b.isKnown()) {
            Kind k = a == null ? Kind.DELETE : Kind.UPDATE;
            return new DiffNode.Leaf(k, ValueText.UNKNOWN, a == null ? "" : text(a), force);
        }
        if (b != null && a != null && !sameShape(b, a)) {
            return new DiffNode.Retyped(diff(b, null, p), diff(null, a, p), force);
        }
        Value v = a != null ? a : b;
        if ((isMultiline(b) || isMultiline(a)) && isStringOrAbsent(b) && isStringOrAbsent(a)) {
            List<String> bl = lines(b);
            List<String> al = lines(a);
            Kind k = b == null ? Kind.CREATE : a == null ? Kind.DELETE : bl.equals(al) ? Kind.NOOP : Kind.UPDATE;
            return new DiffNode.Heredoc(style, k, bl, al, force);
        }
        if (v.isMapping() && !v.isNull()) {
            DiffNode.Mapping m = mapping(b, a, p);
            return force.isEmpty() ? m : new DiffNode.Mapping(style, m.kind(), m.entries, m.map, force);
        }
        if (v.isSequence() && !v.isNull()) {
            return sequence(b, a, p, force);
        }
        Kind k = b == null ? Kind.CREATE : a == null ? Kind.DELETE : Diffs.sameValue(b, a) ? Kind.NOOP : Kind.UPDATE;
        return new DiffNode.Leaf(k, b == null ? "" : text(b), a == null ? "" : text(a), force);
    }

    /**
     * Whether a value at {@code p} changed where one side is sensitive: where a side is a redacted
     * placeholder the values cannot be compared, and the engine's changed paths tell.
     */
    boolean secretChanged(Value b, Value a, AttributePath p) {
        boolean placeholder = (b.isNull() && b.isSensitive()) || (a.isNull() && a.isSensitive());
        if (placeholder) {
            if (changed == null) {
                return b.isNull() != a.isNull();
            }
            for (AttributePath c : changed) {
                if (c.startsWith(p) || p.startsWith(c)) {
                    return true;
                }
            }
            return false;
        }
        return !Diffs.sameValue(b, a);
    }

    private DiffNode.Mapping mapping(Value b, Value a, AttributePath p) {
        Set<String> keys = new TreeSet<>();
        Value shape = a != null && !a.isNull() ? a : b;
        if (b != null && !b.isNull() && b.isMapping()) {
            keys.addAll(b.attributes().keySet());
        }
        if (a != null && !a.isNull() && a.isMapping()) {
            keys.addAll(a.attributes().keySet());
        }
        boolean map = shape != null && shape.isMap();
        Map<String, DiffNode> entries = new LinkedHashMap<>();
        List<String> nulls = new ArrayList<>();
        boolean anyChange = false;
        for (String k : keys) {
            Value bk = b == null || b.isNull() ? null : absentIfNull(b.get(k));
            Value ak = a == null || a.isNull() ? null : absentIfNull(a.get(k));
            if (bk == null && ak == null) {
                nulls.add(k);
                continue;
            }
            boolean object = (shape != null && shape.isObject()) || p.isRoot();
            AttributePath kp = object ? p.attr(k) : p.key(k);
            DiffNode n = object ? attribute(bk, ak, kp) : diff(bk, ak, kp);
            entries.put(k, n);
            anyChange |= n.kind() != Kind.NOOP;
        }
        Kind kind = b == null ? Kind.CREATE : a == null ? Kind.DELETE : anyChange ? Kind.UPDATE : Kind.NOOP;
        if (entries.isEmpty() && !nulls.isEmpty() && kind != Kind.NOOP) {
            // null attributes are left out, but an object of nothing else is not shown as {}
            for (String k : nulls) {
                entries.put(k, new DiffNode.Leaf(kind, "null", "null", ""));
            }
        }
        return new DiffNode.Mapping(style, kind, entries, map, "");
    }

    private DiffNode sequence(Value b, Value a, AttributePath p, String force) {
        List<DiffNode> out = new ArrayList<>();
        boolean context = true;
        if (b == null) {
            List<Value> els = a.elements();
            for (int i = 0; i < els.size(); i++) {
                out.add(diff(null, els.get(i), p.index(i)));
            }
            return new DiffNode.Sequence(style, Kind.CREATE, out, true, force);
        }
        if (a == null) {
            List<Value> els = b.elements();
            for (int i = 0; i < els.size(); i++) {
                out.add(diff(els.get(i), null, p.index(i)));
            }
            return new DiffNode.Sequence(style, Kind.DELETE, out, true, force);
        }
        List<Value> be = b.elements();
        List<Value> ae = a.elements();
        if (b.isSet() || a.isSet()) {
            // sets have no order: equal elements are unchanged, the others removed or added
            context = false;
            List<Value> added = new ArrayList<>(ae);
            List<DiffNode> removed = new ArrayList<>();
            for (Value x : be) {
                int at = indexOfSame(added, x);
                if (at >= 0) {
                    out.add(diff(x, added.remove(at), p));
                } else {
                    removed.add(diff(x, null, p));
                }
            }
            out.addAll(0, removed);
            for (Value x : added) {
                out.add(diff(null, x, p));
            }
        } else if (b.isTuple() && a.isTuple() && be.size() == ae.size()) {
            for (int i = 0; i < be.size(); i++) {
                out.add(diff(be.get(i), ae.get(i), p.index(i)));
            }
        } else {
            for (Lcs.Edit<Value> e : Lcs.edits(be, ae, Diffs::sameValue, ValueDiffer::isObjectLike)) {
                out.add(diff(e.before(), e.after(), p.index(e.afterIndex() >= 0 ? e.afterIndex()
                        : e.beforeIndex())));
            }
        }
        boolean anyChange = out.stream().anyMatch(n -> n.kind() != Kind.NOOP);
        return new DiffNode.Sequence(style, anyChange ? Kind.UPDATE : Kind.NOOP, out, context, force);
    }

    private int indexOfSame(List<Value> in, Value x) {
        for (int i = 0; i < in.size(); i++) {
            if (Diffs.sameValue(in.get(i), x)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isObjectLike(Value v) {
        return v != null && v.isKnown() && !v.isNull() && !v.isSensitive() && v.isMapping();
    }

    private static boolean isComplex(Value v) {
        return v != null && v.isKnown() && !v.isNull() && (v.isMapping() || v.isSequence() || isMultiline(v));
    }

    private static boolean isMultiline(Value v) {
        return v != null && v.isKnown() && !v.isNull() && !v.isSensitive() && v.type() == Type.STRING
                && v.asString().contains("\n");
    }

    /** Absent, or a known non-null string: what a heredoc diff can draw (a number next to a heredoc is shown whole). */
    private static boolean isStringOrAbsent(Value v) {
        return v == null || (v.isKnown() && !v.isNull() && !v.isSensitive() && v.type() == Type.STRING);
    }

    private static List<String> lines(Value v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        String s = v.asString();
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return List.of(s.split("\n", -1));
    }

    /** Values of the same shape diff element by element; others (a string and a list) are shown whole. */
    private static boolean sameShape(Value b, Value a) {
        if (b.isNull() || a.isNull()) {
            return b.isNull() && a.isNull();
        }
        if (b.isMapping() || a.isMapping()) {
            return b.isMapping() && a.isMapping();
        }
        if (b.isSequence() || a.isSequence()) {
            return b.isSequence() && a.isSequence();
        }
        return true;
    }

    /** A primitive on one line. */
    private static String text(Value v) {
        return ValueText.render(v, 0);
    }

    static Value absentIfNull(Value v) {
        return v == null || (v.isNull() && !v.isSensitive()) ? null : v;
    }
}
