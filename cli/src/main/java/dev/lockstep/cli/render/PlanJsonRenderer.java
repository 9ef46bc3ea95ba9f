package dev.lockstep.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.cli.VersionInfo;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import java.util.Map;

/**
 * Renders a plan in Terraform's JSON plan representation ({@code format_version},
 * {@code resource_changes[]} with {@code change.actions}, {@code before}, {@code after},
 * {@code after_unknown}, {@code before_sensitive}, {@code after_sensitive}, {@code output_changes},
 * {@code resource_drift}), so that policies written for Terraform plans (OPA/Conftest, checkov)
 * work unchanged. Unlike Terraform, sensitive values are written as null: the
 * {@code *_sensitive} shapes still say where they were. See {@code docs/plan-json.md}.
 */
public final class PlanJsonRenderer {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PlanJsonRenderer() {
    }

    public static ObjectNode render(Plan plan) {
        ObjectNode root = F.objectNode();
        root.put("format_version", "1.2");
        root.put("terraform_version", "lockstep-" + VersionInfo.version());
        root.put("lockstep_version", VersionInfo.version());
        root.put("timestamp", plan.created().toString());
        root.put("applyable", plan.hasChanges());
        root.put("complete", true);
        root.put("errored", false);
        if (plan.mode() != PlanMode.NORMAL) {
            root.put("plan_mode", plan.mode() == PlanMode.DESTROY ? "destroy" : "refresh-only");
        }
        ArrayNode drift = root.putArray("resource_drift");
        for (DriftEntry d : plan.drift()) {
            ObjectNode o = drift.addObject();
            address(o, d.address(), null);
            ObjectNode ch = o.putObject("change");
            ch.set("actions", actions(d.deleted() ? Action.DELETE : Action.UPDATE));
            ch.set("before", value(d.before()));
            ch.set("after", d.after() == null ? NullNode.instance : value(d.after()));
            ch.set("after_unknown", F.objectNode());
            ch.set("before_sensitive", sensitive(d.before()));
            ch.set("after_sensitive", d.after() == null ? BooleanNode.FALSE : sensitive(d.after()));
        }
        ArrayNode changes = root.putArray("resource_changes");
        for (ResourceChange c : plan.changes()) {
            ObjectNode o = changes.addObject();
            address(o, c.address(), c.provider());
            ObjectNode ch = o.putObject("change");
            ch.set("actions", actions(c.action()));
            Value before = c.action() == Action.CREATE || c.action() == Action.READ ? null : c.before();
            Value after = c.action() == Action.DELETE ? null : c.after();
            ch.set("before", before == null ? NullNode.instance : value(before));
            ch.set("after", after == null ? NullNode.instance : value(after));
            ch.set("after_unknown", after == null ? F.objectNode() : unknown(after));
            ch.set("before_sensitive", before == null ? BooleanNode.FALSE : sensitive(before));
            ch.set("after_sensitive", after == null ? BooleanNode.FALSE : sensitive(after));
            if (!c.replacePaths().isEmpty()) {
                ArrayNode rp = ch.putArray("replace_paths");
                c.replacePaths().forEach(p -> {
                    ArrayNode path = rp.addArray();
                    p.steps().forEach(s -> {
                        if (s instanceof dev.lockstep.api.value.AttributePath.Index i) {
                            path.add(i.index());
                        } else if (s instanceof dev.lockstep.api.value.AttributePath.Attr a) {
                            path.add(a.name());
                        } else {
                            path.add(((dev.lockstep.api.value.AttributePath.Key) s).key());
                        }
                    });
                });
            }
            if (c.reason().json() != null) {
                o.put("action_reason", c.reason().json());
            }
        }
        ObjectNode outputs = root.putObject("output_changes");
        for (OutputChange oc : plan.outputs()) {
            ObjectNode o = outputs.putObject(oc.name());
            o.set("actions", actions(oc.action()));
            o.set("before", oc.before() == null || oc.sensitive() ? NullNode.instance : value(oc.before()));
            o.set("after", oc.after() == null || oc.sensitive() ? NullNode.instance : value(oc.after()));
            o.set("after_unknown", oc.after() == null ? BooleanNode.FALSE : unknown(oc.after()));
            o.put("before_sensitive", oc.sensitive());
            o.put("after_sensitive", oc.sensitive());
        }
        ObjectNode meta = root.putObject("lockstep");
        meta.put("state_lineage", plan.lineage());
        meta.put("state_serial", plan.serial());
        meta.put("config_digest", plan.configDigest());
        int[] s = plan.summary();
        ObjectNode sum = meta.putObject("summary");
        sum.put("add", s[0]);
        sum.put("change", s[1]);
        sum.put("destroy", s[2]);
        return root;
    }

    /** Adds request counts, per provider and endpoint, to the plan's lockstep metadata. */
    public static void addRequestCounts(ObjectNode root, Map<String, Map<String, Long>> counts) {
        ObjectNode meta = (ObjectNode) root.get("lockstep");
        ObjectNode rc = meta.putObject("api_requests");
        counts.forEach((p, m) -> {
            ObjectNode po = rc.putObject(p);
            m.forEach(po::put);
        });
    }

    private static void address(ObjectNode o, ResourceAddress a, String provider) {
        o.put("address", a.toString());
        o.put("mode", a.isData() ? "data" : "managed");
        o.put("type", a.type());
        o.put("name", a.name());
        if (a.key() instanceof InstanceKey.Int i) {
            o.put("index", i.value());
        } else if (a.key() instanceof InstanceKey.Str s) {
            o.put("index", s.value());
        }
        if (provider != null) {
            String name = provider.contains(".") ? provider.substring(0, provider.indexOf('.')) : provider;
            o.put("provider_name", "lockstep/" + name);
        }
    }

    private static ArrayNode actions(Action a) {
        ArrayNode arr = F.arrayNode();
        a.terraformActions().forEach(arr::add);
        return arr;
    }

    /** The value as JSON: unknowns and sensitive values become null. */
    static JsonNode value(Value v) {
        if (v == null || v.isNull() || !v.isKnown() || v.isSensitive()) {
            return NullNode.instance;
        }
        if (v.type() == Type.STRING) {
            return F.textNode(v.asString());
        }
        if (v.type() == Type.NUMBER) {
            return F.numberNode(v.asNumber());
        }
        if (v.type() == Type.BOOL) {
            return BooleanNode.valueOf(v.asBool());
        }
        if (v.isSequence()) {
            ArrayNode a = F.arrayNode();
            v.elements().forEach(e -> a.add(value(e)));
            return a;
        }
        ObjectNode o = F.objectNode();
        v.attributes().forEach((k, e) -> o.set(k, value(e)));
        return o;
    }

    /** Terraform's {@code after_unknown}: true where unknown, the same shape for collections, omitted elsewhere. */
    static JsonNode unknown(Value v) {
        if (!v.isKnown()) {
            return BooleanNode.TRUE;
        }
        if (v.isNull() || v.isSensitive()) {
            return BooleanNode.FALSE;
        }
        if (v.isSequence()) {
            ArrayNode a = F.arrayNode();
            v.elements().forEach(e -> a.add(unknown(e)));
            return a;
        }
        if (v.isMapping()) {
            ObjectNode o = F.objectNode();
            v.attributes().forEach((k, e) -> {
                JsonNode u = unknown(e);
                if (!(u instanceof BooleanNode b && !b.booleanValue())) {
                    o.set(k, u);
                }
            });
            return o;
        }
        return BooleanNode.FALSE;
    }

    /** Terraform's {@code *_sensitive}: true where sensitive, the same shape for collections. */
    static JsonNode sensitive(Value v) {
        if (v == null) {
            return BooleanNode.FALSE;
        }
        if (v.isSensitive()) {
            return BooleanNode.TRUE;
        }
        if (v.isNull() || !v.isKnown()) {
            return BooleanNode.FALSE;
        }
        if (v.isSequence()) {
            ArrayNode a = F.arrayNode();
            v.elements().forEach(e -> a.add(sensitive(e)));
            return a;
        }
        if (v.isMapping()) {
            ObjectNode o = F.objectNode();
            v.attributes().forEach((k, e) -> {
                JsonNode s = sensitive(e);
                if (!(s instanceof BooleanNode b && !b.booleanValue())) {
                    o.set(k, s);
                }
            });
            return o;
        }
        return BooleanNode.FALSE;
    }

    /** A new JSON object node, for commands that build small JSON documents. */
    public static ObjectNode jsonObject() {
        return F.objectNode();
    }

    /** The value as JSON (unknown and sensitive values become null). */
    public static JsonNode valueJson(Value v) {
        return value(v);
    }

    public static String toText(JsonNode n) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
