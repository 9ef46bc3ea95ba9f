package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.kind.Kind;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.JsonCodec;
import dev.lockstep.provider.kubernetes.value.Marks;
import dev.lockstep.provider.kubernetes.value.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans one typed object. The planned value is built from the configuration alone (what lockstep
 * will own), with computed attributes taken from the refreshed state or left unknown; the
 * refreshed state holds only what lockstep owned before (see {@code Ownership}), so comparing the
 * two shows exactly the changes to owned fields and the removal of fields no longer configured.
 */
final class TypedPlanner {

    private final Kind kind;

    TypedPlanner(Kind kind) {
        this.kind = kind;
    }

    PlanCustomizer.PlanResponse plan(PlanCustomizer.PlanRequest req) {
        Diagnostics diags = new Diagnostics();
        Value config = req.config();
        if (config == null || config.isNull()) {
            return new PlanCustomizer.PlanResponse(null, List.of(), List.of(), diags);
        }
        Value c = config.unmarkDeep();
        Value p = req.prior() == null || req.prior().isNull() ? null : req.prior().unmarkDeep();
        rejectOwnKeys(c, diags);
        checkNames(kind, config, diags);
        Value planned = build(kind.schema(), c, p);
        if (kind.api().namespaced()) {
            Value cm = Values.first(c, "metadata");
            planned = Values.withFirst(planned, "metadata", m -> {
                Value ns = Values.attr(cm, "namespace");
                return ns == null || ns.isNull() ? Values.with(m, "namespace", Value.string("default")) : m;
            });
        }
        planned = kind.hooks().plan(planned, c, p, diags);

        List<AttributePath> replace = new ArrayList<>();
        if (p != null) {
            forceNew(kind.schema(), p, planned, AttributePath.ROOT, replace);
            kind.hooks().replacePaths(p, planned, replace);
        }
        // A value still unknown may turn out to change the object, so the server-side version
        // cannot be promised; an unknown that resolves to the current value sends nothing.
        boolean apiChange = p == null || !replace.isEmpty() || !c.isWhollyKnown()
                || !Json.same(kind.hooks().encode(kind, planned), kind.hooks().encode(kind, p));
        if (apiChange) {
            planned = Values.withFirst(planned, "metadata", m -> {
                Value out = Values.with(m, "resource_version", Value.unknown(Type.STRING));
                out = Values.with(out, "generation", Value.unknown(Type.NUMBER));
                return replace.isEmpty() && p != null ? out : Values.with(out, "uid", Value.unknown(Type.STRING));
            });
        }
        planned = Values.with(planned, "id", id(planned));
        planned = Marks.copy(config, Marks.apply(kind.schema(), planned));
        return new PlanCustomizer.PlanResponse(planned, List.copyOf(replace), List.of(), diags);
    }

    private Value id(Value planned) {
        Value meta = Values.first(planned, "metadata");
        Value name = Values.attr(meta, "name");
        Value ns = Values.attr(meta, "namespace");
        if (!Values.present(name) || (kind.api().namespaced() && !Values.present(ns))) {
            return Value.unknown(Type.STRING);
        }
        return Value.string(kind.id(kind.api().namespaced() ? ns.asString() : null, name.asString()));
    }

    /**
     * Rejects a known name or namespace the API server would refuse (or that would not fit in a
     * request URL); a name may be left out, or empty, when {@code generate_name} is set.
     */
    static void checkNames(Kind kind, Value config, Diagnostics diags) {
        Value meta = Values.first(config, "metadata");
        Value name = Values.attr(meta, "name");
        Value generate = Values.attr(meta, "generate_name");
        boolean metaSensitive = config.isSensitive() || meta != null && meta.isSensitive();
        if (name != null && name.isKnown() && (generate == null || generate.isKnown())) {
            boolean generated = Values.present(generate) && !generate.unmark().asString().isEmpty();
            String n = Values.present(name) ? name.unmark().asString() : null;
            if (!generated || n != null && !n.isEmpty()) {
                Diagnostic bad = ObjectNames.checkName(kind.api(), "metadata[0].name", n,
                        metaSensitive || name.isSensitive(), n == null ? "Set name, or generate_name for a name the "
                                + "server makes up." : "");
                if (bad != null) {
                    diags.add(bad);
                }
            }
        }
        Value ns = Values.attr(meta, "namespace");
        if (kind.api().namespaced() && Values.present(ns) && ns.isWhollyKnown()) {
            Diagnostic bad = ObjectNames.checkNamespace("metadata[0].namespace", ns.unmark().asString(),
                    metaSensitive || ns.isSensitive());
            if (bad != null) {
                diags.add(bad);
            }
        }
    }

    private static void rejectOwnKeys(Value c, Diagnostics diags) {
        Value meta = Values.first(c, "metadata");
        for (String map : List.of("labels", "annotations")) {
            for (String key : Values.entries(meta, map).keySet()) {
                if (LockstepKeys.isOwn(key)) {
                    diags.error("Reserved " + map.substring(0, map.length() - 1), "lockstep sets \"" + key + "\" on "
                            + "every object it manages; remove it from metadata." + map + ".", null);
                }
            }
        }
    }

    /**
     * The configuration with computed attributes filled: optional+computed ones the configuration
     * leaves unset keep the refreshed value (unknown for a new object); computed-only ones likewise.
     * Blocks pair with the refreshed blocks by position.
     */
    static Value build(BlockSchema b, Value c, Value p) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (AttributeSchema a : b.attributes().values()) {
            Value cv = Values.attr(c, a.name());
            Value pv = Values.attr(p, a.name());
            Value v;
            if (a.computed() && a.settable() && cv != null && !cv.isNull()) {
                v = cv;
            } else if (a.computed()) {
                v = p == null ? Value.unknown(a.type()) : (pv == null ? Value.nullOf(a.type()) : pv);
            } else {
                v = cv;
            }
            out.put(a.name(), v == null ? Value.nullOf(a.type()) : v);
        }
        for (NestedBlockSchema nb : b.blocks().values()) {
            Value cv = Values.attr(c, nb.name());
            Value pv = Values.attr(p, nb.name());
            Type t = nb.block().impliedType();
            if (cv != null && !cv.isKnown()) {
                out.put(nb.name(), cv);
                continue;
            }
            List<Value> ce = cv == null || cv.isNull() ? List.of() : cv.isObject() ? List.of(cv) : cv.elements();
            List<Value> pe = !Values.present(pv) ? List.of() : pv.isObject() ? List.of(pv) : pv.elements();
            List<Value> els = new ArrayList<>();
            for (int i = 0; i < ce.size(); i++) {
                els.add(build(nb.block(), ce.get(i), i < pe.size() && nb.nesting() != NestedBlockSchema.Nesting.SET
                        ? pe.get(i) : null));
            }
            out.put(nb.name(), blockValue(nb, (dev.lockstep.api.value.ObjectType) t, els));
        }
        return Value.object(out);
    }

    private static Value blockValue(NestedBlockSchema nb, dev.lockstep.api.value.ObjectType t, List<Value> els) {
        return JsonCodec.blockValue(nb, t, els);
    }

    /** Paths under force-new attributes and blocks whose planned value differs from the refreshed one. */
    static void forceNew(BlockSchema b, Value p, Value q, AttributePath at, List<AttributePath> out) {
        for (AttributeSchema a : b.attributes().values()) {
            if (a.forceNew() && differs(Values.attr(p, a.name()), Values.attr(q, a.name()))) {
                out.add(at.attr(a.name()));
            }
        }
        for (NestedBlockSchema nb : b.blocks().values()) {
            Value pv = Values.attr(p, nb.name());
            Value qv = Values.attr(q, nb.name());
            if (nb.forceNew()) {
                leafDiffs(pv, qv, at.attr(nb.name()), out);
                continue;
            }
            if (!Values.present(pv) || !Values.present(qv) || nb.nesting() == NestedBlockSchema.Nesting.SET) {
                continue;
            }
            if (nb.nesting() == NestedBlockSchema.Nesting.SINGLE) {
                forceNew(nb.block(), pv, qv, at.attr(nb.name()), out);
                continue;
            }
            for (int i = 0; i < Math.min(pv.length(), qv.length()); i++) {
                forceNew(nb.block(), pv.elements().get(i), qv.elements().get(i), at.attr(nb.name()).index(i), out);
            }
        }
    }

    private static boolean differs(Value a, Value b) {
        Value x = a == null ? null : a.unmarkDeep();
        Value y = b == null ? null : b.unmarkDeep();
        if (x == null || y == null) {
            return (x == null || x.isNull()) != (y == null || y.isNull());
        }
        if (!y.isWhollyKnown()) {
            return true;
        }
        return !x.equals(y);
    }

    /** The deepest paths at which two values differ ({@code role_ref[0].name}). */
    static void leafDiffs(Value a, Value b, AttributePath at, List<AttributePath> out) {
        if (!differs(a, b)) {
            return;
        }
        if (Values.present(a) && Values.present(b) && a.isObject() && b.isObject()) {
            for (String k : a.attributes().keySet()) {
                leafDiffs(a.get(k), b.get(k), at.attr(k), out);
            }
            return;
        }
        if (Values.present(a) && Values.present(b) && a.isList() && b.isList() && a.length() == b.length()) {
            for (int i = 0; i < a.length(); i++) {
                leafDiffs(a.elements().get(i), b.elements().get(i), at.index(i), out);
            }
            return;
        }
        out.add(at);
    }
}
