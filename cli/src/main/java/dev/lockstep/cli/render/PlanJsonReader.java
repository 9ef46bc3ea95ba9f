package dev.lockstep.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the JSON plan representation {@link PlanJsonRenderer} writes, for {@code show FILE}.
 * Types come back approximately (JSON arrays as tuples, objects as objects), which is all
 * rendering needs; unknown and sensitive values come back from the {@code after_unknown} and
 * {@code *_sensitive} shapes.
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
            Value before = ch.get("before").isNull() ? null : value(ch.get("before"), null, ch.get("before_sensitive"));
            Value after = ch.get("after").isNull() && action == Action.DELETE ? null
                    : value(ch.get("after"), ch.get("after_unknown"), ch.get("after_sensitive"));
            List<AttributePath> replace = new ArrayList<>();
            if (ch.has("replace_paths")) {
                for (JsonNode p : ch.get("replace_paths")) {
                    AttributePath path = AttributePath.ROOT;
                    for (JsonNode s : p) {
                        path = s.isInt() ? path.index(s.asInt()) : path.attr(s.asText());
                    }
                    replace.add(path);
                }
            }
            String provider = c.has("provider_name") ? c.get("provider_name").asText().replace("lockstep/", "") : "";
            changes.add(new ResourceChange(ResourceAddress.parse(c.get("address").asText()), provider, action, reason,
                    before, after, replace, List.of(), Map.of(), List.of(), List.of()));
        }
        List<OutputChange> outputs = new ArrayList<>();
        root.get("output_changes").fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            boolean sensitive = o.get("after_sensitive").asBoolean() || o.get("before_sensitive").asBoolean();
            Value b = o.get("before").isNull() ? null : value(o.get("before"), null, null);
            Value a = value(o.get("after"), o.get("after_unknown"), null);
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
                boolean deleted = action(ch.get("actions")) == Action.DELETE;
                drift.add(new DriftEntry(ResourceAddress.parse(d.get("address").asText()), deleted,
                        value(ch.get("before"), null, ch.get("before_sensitive")),
                        deleted ? null : value(ch.get("after"), null, ch.get("after_sensitive")), List.of()));
            }
        }
        JsonNode meta = root.get("lockstep");
        return new Plan(mode, changes, outputs, drift, meta.get("state_lineage").asText(),
                meta.get("state_serial").asLong(), meta.get("config_digest").asText(), Map.of(), List.of(),
                Instant.parse(root.get("timestamp").asText()));
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
