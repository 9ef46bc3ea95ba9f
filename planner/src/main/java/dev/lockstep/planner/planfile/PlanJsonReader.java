package dev.lockstep.planner.planfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.state.codec.FormatException;
import dev.lockstep.state.codec.TypeJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the JSON plan representation {@link PlanJson} writes, for {@code show FILE}.
 * Value types come from lockstep's per-change extension (without it, approximately: JSON arrays
 * as tuples, objects as objects); unknown and sensitive values come back from the
 * {@code after_unknown} and {@code *_sensitive} shapes, and the changed secrets and notes from
 * the extension, and the policy findings from {@code policy_results}, so that {@code show FILE}
 * renders what {@code plan} rendered.
 */
public final class PlanJsonReader {

    private PlanJsonReader() {
    }

    public static Plan read(JsonNode root) {
        PlanMode mode = PlanMode.NORMAL;
        if (root.has("plan_mode")) {
            mode = root.get("plan_mode").asText().equals("destroy") ? PlanMode.DESTROY : PlanMode.REFRESH_ONLY;
        }
        List<ResourceChange> changes = new ArrayList<>();
        for (JsonNode c : root.get("resource_changes")) {
            JsonNode ch = c.get("change");
            Action action = action(ch.get("actions"));
            ActionReason reason = ActionReason.NONE;
            if (c.has("action_reason")) {
                for (ActionReason r : ActionReason.values()) {
                    if (c.get("action_reason").asText().equals(r.json())) {
                        reason = r;
                    }
                }
            }
            JsonNode ext = c.has("lockstep") ? c.get("lockstep") : MissingNode.getInstance();
            Value before = ch.get("before").isNull() ? null
                    : typed(ch.get("before"), null, ch.get("before_sensitive"), type(ext.get("before_type")));
            Value after = isNull(ch.get("after")) && action == Action.DELETE ? null
                    : typed(ch.get("after"), ch.get("after_unknown"), ch.get("after_sensitive"),
                            type(ext.get("after_type")));
            List<AttributePath> replace = paths(ch.get("replace_paths"));
            List<String> notes = new ArrayList<>();
            if (ext.has("notes")) {
                ext.get("notes").forEach(n -> notes.add(n.asText()));
            }
            String provider = c.has("provider_name") ? c.get("provider_name").asText().replace("lockstep/", "") : "";
            changes.add(new ResourceChange(ResourceAddress.parse(c.get("address").asText()), provider, action, reason,
                    before, after, replace, paths(ext.get("changed_sensitive_paths")), Map.of(), notes, List.of()));
        }
        List<OutputChange> outputs = new ArrayList<>();
        root.get("output_changes").fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            boolean sensitive = o.get("after_sensitive").asBoolean() || o.get("before_sensitive").asBoolean();
            JsonNode ext = o.has("lockstep") ? o.get("lockstep") : MissingNode.getInstance();
            Value b = isNull(o.get("before")) ? null : typed(o.get("before"), null, null, type(ext.get("before_type")));
            Value a = typed(o.get("after"), o.get("after_unknown"), null, type(ext.get("after_type")));
            if (sensitive) {
                a = Value.NULL.markSensitive();
            }
            Action act = action(o.get("actions"));
            outputs.add(new OutputChange(e.getKey(), act, b, act == Action.DELETE ? null : a, sensitive));
        });
        List<DriftEntry> drift = new ArrayList<>();
        if (root.has("resource_drift")) {
            for (JsonNode d : root.get("resource_drift")) {
                JsonNode ch = d.get("change");
                JsonNode ext = d.has("lockstep") ? d.get("lockstep") : MissingNode.getInstance();
                boolean deleted = action(ch.get("actions")) == Action.DELETE;
                drift.add(new DriftEntry(ResourceAddress.parse(d.get("address").asText()), deleted,
                        typed(ch.get("before"), null, ch.get("before_sensitive"), type(ext.get("before_type"))),
                        deleted ? null : typed(ch.get("after"), null, ch.get("after_sensitive"),
                                type(ext.get("after_type"))), paths(ext.get("changed_sensitive_paths"))));
            }
        }
        JsonNode meta = root.get("lockstep");
        List<String> targets = new ArrayList<>();
        if (meta.has("targets")) {
            meta.get("targets").forEach(t -> targets.add(t.asText()));
        }
        return new Plan(mode, changes, outputs, drift, meta.get("state_lineage").asText(),
                meta.get("state_serial").asLong(), meta.get("config_digest").asText(), Map.of(), targets,
                Instant.parse(root.get("timestamp").asText()), PolicyResultsJson.read(root.get("policy_results")),
                AccessChangesJson.read(root.get("effective_access")));
    }

    private static boolean isNull(JsonNode n) {
        return n == null || n.isNull();
    }

    /** Attribute paths as the JSON plan writes them: arrays of names and indexes. */
    private static List<AttributePath> paths(JsonNode arrays) {
        List<AttributePath> out = new ArrayList<>();
        if (arrays == null) {
            return out;
        }
        for (JsonNode p : arrays) {
            AttributePath path = AttributePath.ROOT;
            for (JsonNode s : p) {
                path = s.isInt() ? path.index(s.asInt()) : path.attr(s.asText());
            }
            out.add(path);
        }
        return out;
    }

    private static Type type(JsonNode t) {
        if (t == null || t.isMissingNode()) {
            return null;
        }
        try {
            return TypeJson.read(t);
        } catch (FormatException e) {
            return null;
        }
    }

    /**
     * A value of type {@code t} (from lockstep's extension) from its JSON and its unknown and
     * sensitive shapes; without a type, the approximate {@link #value}.
     */
    static Value typed(JsonNode v, JsonNode unknown, JsonNode sensitive, Type t) {
        if (t == null || t == Type.DYNAMIC) {
            return value(v, unknown, sensitive);
        }
        if (unknown != null && unknown.isBoolean() && unknown.asBoolean()) {
            return Value.unknown(t);
        }
        if (sensitive != null && sensitive.isBoolean() && sensitive.asBoolean()) {
            return Value.nullOf(t).markSensitive();
        }
        if (v == null || v.isNull()) {
            return Value.nullOf(t);
        }
        if (t instanceof ObjectType ot) {
            Map<String, Value> m = new LinkedHashMap<>();
            ot.attributes().forEach((k, at) -> m.put(k, typed(v.get(k), child(unknown, k), child(sensitive, k), at)));
            return Value.object(m);
        }
        if (t instanceof MapType mt) {
            Map<String, Value> m = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> m.put(e.getKey(), typed(e.getValue(), child(unknown, e.getKey()),
                    child(sensitive, e.getKey()), mt.element())));
            return Value.map(mt.element(), m);
        }
        if (t instanceof TupleType tt) {
            List<Value> els = new ArrayList<>();
            for (int i = 0; i < tt.elements().size(); i++) {
                els.add(typed(v.get(i), child(unknown, i), child(sensitive, i), tt.elements().get(i)));
            }
            return Value.tuple(els);
        }
        if (t instanceof ListType || t instanceof SetType) {
            Type et = t.elementType();
            List<Value> els = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                els.add(typed(v.get(i), child(unknown, i), child(sensitive, i), et));
            }
            return t instanceof ListType ? Value.list(et, els) : Value.set(et, els);
        }
        return value(v, unknown, sensitive);
    }

    private static Action action(JsonNode actions) {
        List<String> a = new ArrayList<>();
        actions.forEach(x -> a.add(x.asText()));
        for (Action act : Action.values()) {
            if (act.terraformActions().equals(a)) {
                return act;
            }
        }
        throw new IllegalArgumentException("unknown actions " + a);
    }

    static Value value(JsonNode v, JsonNode unknown, JsonNode sensitive) {
        if (unknown != null && unknown.isBoolean() && unknown.asBoolean()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        if (sensitive != null && sensitive.isBoolean() && sensitive.asBoolean()) {
            return Value.NULL.markSensitive();
        }
        if (v == null || v.isNull()) {
            return Value.NULL;
        }
        if (v.isTextual()) {
            return Value.string(v.asText());
        }
        if (v.isNumber()) {
            return Value.number(v.decimalValue());
        }
        if (v.isBoolean()) {
            return Value.bool(v.asBoolean());
        }
        if (v.isArray()) {
            List<Value> els = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                els.add(value(v.get(i), child(unknown, i), child(sensitive, i)));
            }
            return Value.tuple(els);
        }
        Map<String, Value> m = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue(), child(unknown, e.getKey()),
                child(sensitive, e.getKey()))));
        if (unknown != null && unknown.isObject()) {
            unknown.fields().forEachRemaining(e -> {
                if (!m.containsKey(e.getKey()) && e.getValue().asBoolean()) {
                    m.put(e.getKey(), Value.DYNAMIC_UNKNOWN);
                }
            });
        }
        return Value.object(m);
    }

    private static JsonNode child(JsonNode n, int i) {
        return n != null && n.isArray() && i < n.size() ? n.get(i) : null;
    }

    private static JsonNode child(JsonNode n, String k) {
        return n != null && n.isObject() ? n.get(k) : null;
    }
}
