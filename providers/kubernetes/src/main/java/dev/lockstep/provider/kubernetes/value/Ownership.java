package dev.lockstep.provider.kubernetes.value;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * lockstep's ownership rule (ADR 0003): a recorded state holds exactly the fields lockstep set,
 * so the refreshed state is the live object <em>projected</em> onto the fields the previous
 * state holds. Fields the server or other controllers populate never enter the state, so they
 * never show as changes; a field lockstep set that is gone from the configuration is in the state
 * but not in the plan, so the plan removes it.
 *
 * <ul>
 * <li>Computed attributes (uid, resource_version, optional+computed ones such as a secret's
 * type) always take the live value.</li>
 * <li>Other attributes are kept when the shape sets them. Labels and annotations are owned key by
 * key (other controllers add keys); every other map, list and set is owned whole.</li>
 * <li>Within repeated blocks, a field is owned when any block of the shape sets it.</li>
 * <li>Without a shape (an imported object) the whole live object is owned, except label and
 * annotation keys that the filter rejects (server-internal keys, lockstep's own, ignored ones).</li>
 * <li>A redacted secret in the shape (a sensitive-marked null, as recorded states hold secrets)
 * means the field is owned: the live value is read so that a changed secret shows as drift.</li>
 * </ul>
 */
public final class Ownership {

    /** Paths of maps owned key by key. */
    private static final Set<String> KEYWISE = Set.of("metadata.labels", "metadata.annotations");

    private final Set<String> local;
    private final BiPredicate<String, String> keepUnowned;

    /**
     * @param local root attributes and blocks that exist only in lockstep; they are copied from the shape
     * @param keepUnowned for an import (no shape): whether to keep key {@code k} of map path {@code p}
     */
    public Ownership(Set<String> local, BiPredicate<String, String> keepUnowned) {
        this.local = Set.copyOf(local);
        this.keepUnowned = keepUnowned;
    }

    /** The live value projected onto the fields {@code shape} sets; {@code shape} null means "own everything". */
    public Value project(BlockSchema schema, Value live, Value shape) {
        Value s = shape == null ? null : Marks.placeholdersAsUnknown(shape).unmarkDeep();
        return block(schema, live == null ? null : live.unmarkDeep(), s, "", shape == null);
    }

    private Value block(BlockSchema b, Value live, Value shape, String prefix, boolean full) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (AttributeSchema a : b.attributes().values()) {
            String path = prefix.isEmpty() ? a.name() : prefix + "." + a.name();
            Value lv = Values.attr(live, a.name());
            Value sv = Values.attr(shape, a.name());
            Value v;
            if (prefix.isEmpty() && local.contains(a.name())) {
                v = sv;
            } else if (a.computed()) {
                v = lv;
            } else if (full) {
                v = KEYWISE.contains(path) ? filtered(path, lv) : lv;
            } else {
                v = attribute(path, a.type(), lv, sv);
            }
            out.put(a.name(), v == null ? Value.nullOf(a.type()) : v);
        }
        for (NestedBlockSchema nb : b.blocks().values()) {
            String path = prefix.isEmpty() ? nb.name() : prefix + "." + nb.name();
            ObjectType et = nb.block().impliedType();
            Value lv = Values.attr(live, nb.name());
            Value sv = Values.attr(shape, nb.name());
            if (prefix.isEmpty() && local.contains(nb.name())) {
                out.put(nb.name(), sv == null ? JsonCodec.blockValue(nb, et, List.of()) : sv);
                continue;
            }
            List<Value> liveEls = blockElements(lv);
            List<Value> els = new ArrayList<>();
            if (full) {
                for (Value e : liveEls) {
                    els.add(block(nb.block(), e, null, path, true));
                }
            } else {
                List<Value> shapeEls = blockElements(sv);
                if (!shapeEls.isEmpty()) {
                    Value union = union(nb.block(), shapeEls);
                    for (Value e : liveEls) {
                        els.add(block(nb.block(), e, union, path, false));
                    }
                }
            }
            out.put(nb.name(), JsonCodec.blockValue(nb, et, els));
        }
        return Value.object(out);
    }

    private static List<Value> blockElements(Value v) {
        if (!Values.present(v)) {
            return List.of();
        }
        return v.isSequence() ? v.elements() : List.of(v);
    }

    private Value attribute(String path, Type type, Value live, Value shape) {
        if (shape == null || shape.isNull()) {
            return Value.nullOf(type);
        }
        if (!shape.isKnown()) {
            return live;
        }
        if (type == Type.DYNAMIC) {
            return dynamic(live, shape);
        }
        if (!Values.present(live)) {
            Value empty = Values.emptyOf(type);
            boolean shapeEmpty = shape.isSequence() || shape.isMapping() ? shape.length() == 0 : false;
            if (empty != null && (shapeEmpty || KEYWISE.contains(path))) {
                return empty;
            }
            return Value.nullOf(type);
        }
        if (KEYWISE.contains(path) && type instanceof MapType mt) {
            Map<String, Value> kept = new LinkedHashMap<>();
            for (String k : shape.attributes().keySet()) {
                Value x = live.get(k);
                if (x != null) {
                    kept.put(k, x);
                }
            }
            return Value.map(mt.element(), kept);
        }
        return live;
    }

    private Value filtered(String path, Value live) {
        if (!Values.present(live) || !(live.type() instanceof MapType mt)) {
            return live;
        }
        Map<String, Value> kept = new LinkedHashMap<>();
        live.attributes().forEach((k, v) -> {
            if (keepUnowned.test(path, k)) {
                kept.put(k, v);
            }
        });
        return kept.isEmpty() ? Value.nullOf(live.type()) : Value.map(mt.element(), kept);
    }

    /**
     * A dynamic value ({@code kubernetes_manifest}) projected key by key: objects keep the keys the
     * shape has, sequences are owned whole with each element projected onto the union of the
     * shape's elements, and scalars convert to the shape's type where they can (a number the user
     * wrote as a string stays a string).
     */
    public static Value dynamic(Value live, Value shape) {
        if (shape == null || shape.isNull()) {
            return Value.NULL;
        }
        if (!shape.isKnown()) {
            return live == null ? Value.NULL : live;
        }
        if (live == null || live.isNull()) {
            return Value.NULL;
        }
        if (shape.isMapping() && live.isMapping()) {
            Map<String, Value> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : shape.attributes().entrySet()) {
                Value lv = live.get(e.getKey());
                out.put(e.getKey(), dynamic(lv, e.getValue()));
            }
            return Value.object(out);
        }
        if (shape.isSequence() && live.isSequence()) {
            Value union = shape.length() == 0 ? null : dynamicUnion(shape.elements());
            List<Value> out = new ArrayList<>();
            for (Value e : live.elements()) {
                out.add(union == null ? e : dynamic(e, union));
            }
            return Value.tuple(out);
        }
        if (shape.type().isPrimitive() && live.type().isPrimitive() && !shape.type().equals(live.type())) {
            try {
                return dev.lockstep.api.value.Conversion.convert(live, shape.type());
            } catch (dev.lockstep.api.value.ConversionException e) {
                return live;
            }
        }
        return live;
    }

    private static Value dynamicUnion(List<Value> shapes) {
        Value first = null;
        Map<String, List<Value>> keys = new LinkedHashMap<>();
        boolean objects = true;
        for (Value s : shapes) {
            if (first == null && s != null && !s.isNull()) {
                first = s;
            }
            if (s != null && s.isKnown() && s.isMapping()) {
                s.attributes().forEach((k, v) -> keys.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            } else if (s != null && !s.isNull()) {
                objects = false;
            }
        }
        if (!objects || keys.isEmpty()) {
            return first;
        }
        Map<String, Value> out = new LinkedHashMap<>();
        keys.forEach((k, vs) -> {
            Value nonNull = null;
            List<Value> seqs = new ArrayList<>();
            List<Value> maps = new ArrayList<>();
            for (Value v : vs) {
                if (v != null && !v.isNull()) {
                    nonNull = nonNull == null ? v : nonNull;
                    if (v.isKnown() && v.isMapping()) {
                        maps.add(v);
                    } else if (v.isKnown() && v.isSequence()) {
                        seqs.addAll(v.elements());
                    }
                }
            }
            if (!maps.isEmpty() && maps.size() == countNonNull(vs)) {
                out.put(k, dynamicUnion(maps));
            } else if (!seqs.isEmpty()) {
                out.put(k, Value.tuple(seqs));
            } else {
                out.put(k, nonNull == null ? Value.NULL : nonNull);
            }
        });
        return Value.object(out);
    }

    private static int countNonNull(List<Value> vs) {
        int n = 0;
        for (Value v : vs) {
            if (v != null && !v.isNull()) {
                n++;
            }
        }
        return n;
    }

    /**
     * One value standing for several blocks of the same type: an attribute is set when any block
     * sets it (maps: the union of their keys), nested blocks are concatenated.
     */
    static Value union(BlockSchema b, List<Value> elements) {
        if (elements.size() == 1) {
            return elements.get(0);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (AttributeSchema a : b.attributes().values()) {
            Value chosen = null;
            Set<String> keys = new LinkedHashSet<>();
            boolean unknown = false;
            for (Value e : elements) {
                Value v = Values.attr(e, a.name());
                if (v == null || v.isNull()) {
                    continue;
                }
                if (!v.isKnown()) {
                    unknown = true;
                    continue;
                }
                if (chosen == null) {
                    chosen = v;
                }
                if (v.isMapping()) {
                    keys.addAll(v.attributes().keySet());
                }
            }
            if (unknown) {
                out.put(a.name(), Value.unknown(a.type()));
            } else if (chosen != null && a.type() instanceof MapType mt) {
                Map<String, Value> m = new LinkedHashMap<>();
                for (String k : keys) {
                    m.put(k, Value.string(""));
                }
                out.put(a.name(), mt.element() == Type.STRING ? Value.map(Type.STRING, m) : chosen);
            } else {
                out.put(a.name(), chosen == null ? Value.nullOf(a.type()) : chosen);
            }
        }
        for (NestedBlockSchema nb : b.blocks().values()) {
            List<Value> all = new ArrayList<>();
            for (Value e : elements) {
                all.addAll(blockElements(Values.attr(e, nb.name())));
            }
            out.put(nb.name(), JsonCodec.blockValue(nb, nb.block().impliedType(), all));
        }
        return Value.object(out);
    }
}
