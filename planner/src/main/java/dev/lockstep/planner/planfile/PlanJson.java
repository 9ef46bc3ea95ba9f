package dev.lockstep.planner.planfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.state.BuildVersion;
import dev.lockstep.state.codec.TypeJson;
import java.util.List;
import java.util.Map;

/**
 * Renders a plan in Terraform's JSON plan representation ({@code format_version},
 * {@code resource_changes[]} with {@code change.actions}, {@code before}, {@code after},
 * {@code after_unknown}, {@code before_sensitive}, {@code after_sensitive}, {@code output_changes},
 * {@code resource_drift}, {@code planned_values}), so that policies written for Terraform plans (OPA/Conftest, checkov)
 * work unchanged, plus lockstep's own policy findings as a top-level {@code policy_results} array
 * ({@link PolicyResultsJson}) and the effective-access diff as {@code effective_access}
 * ({@link AccessChangesJson}). Unlike Terraform, sensitive values are written as null: the
 * {@code *_sensitive} shapes still say where they were. See {@code docs/plan-json.md}.
 */
public final class PlanJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PlanJson() {
    }

    public static ObjectNode render(Plan plan) {
        ObjectNode root = F.objectNode();
        root.put("format_version", "1.2");
        root.put("terraform_version", "lockstep-" + BuildVersion.get());
        root.put("lockstep_version", BuildVersion.get());
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
            o.set("lockstep", extension(d.before(), d.after(), d.changedPaths(), java.util.List.of()));
        }
        ArrayNode changes = root.putArray("resource_changes");
        java.util.Set<ResourceAddress> untargeted = untargeted(plan);
        for (ResourceChange c : plan.changes()) {
            if (untargeted.contains(c.address())) {
                continue;
            }
            ObjectNode o = changes.addObject();
            address(o, c.address(), c.provider());
            ObjectNode ch = o.putObject("change");
            ch.set("actions", actions(c.action()));
            Value before = c.action() == Action.CREATE || c.action() == Action.READ ? null : c.before();
            Value after = c.action() == Action.DELETE ? null : c.after();
            ch.set("before", before == null ? NullNode.instance : value(before));
            JsonNode afterJson = after == null ? NullNode.instance : known(after);
            if (afterJson != null) {
                ch.set("after", afterJson);
            }
            ch.set("after_unknown", after == null ? F.objectNode() : resourceUnknown(after));
            ch.set("before_sensitive", before == null ? BooleanNode.FALSE : sensitive(before));
            ch.set("after_sensitive", after == null ? BooleanNode.FALSE : sensitive(after));
            if (!c.replacePaths().isEmpty()) {
                ArrayNode rp = ch.putArray("replace_paths");
                c.replacePaths().forEach(p -> rp.add(path(p)));
            }
            if (c.reason().json() != null) {
                o.put("action_reason", c.reason().json());
            }
            o.set("lockstep", extension(before, after, c.changedPaths(), c.notes()));
        }
        ObjectNode outputs = root.putObject("output_changes");
        for (OutputChange oc : plan.outputs()) {
            ObjectNode o = outputs.putObject(oc.name());
            o.set("actions", actions(oc.action()));
            o.set("before", oc.before() == null || oc.sensitive() ? NullNode.instance : value(oc.before()));
            JsonNode afterJson = oc.after() == null || oc.sensitive() ? NullNode.instance : known(oc.after());
            if (afterJson != null) {
                o.set("after", afterJson);
            }
            o.set("after_unknown", oc.after() == null ? BooleanNode.FALSE : unknown(oc.after()));
            o.put("before_sensitive", oc.sensitive());
            o.put("after_sensitive", oc.sensitive());
            if (!oc.sensitive()) {
                o.set("lockstep", extension(oc.before(), oc.after(), java.util.List.of(), java.util.List.of()));
            }
        }
        root.set("planned_values", plannedValues(plan, untargeted));
        root.set("policy_results", PolicyResultsJson.write(plan.policies()));
        root.set("effective_access", AccessChangesJson.write(plan.accessChanges()));
        ObjectNode meta = root.putObject("lockstep");
        meta.put("state_lineage", plan.lineage());
        meta.put("state_serial", plan.serial());
        meta.put("config_digest", plan.configDigest());
        if (!plan.targets().isEmpty()) {
            ArrayNode targets = meta.putArray("targets");
            plan.targets().forEach(targets::add);
        }
        int[] s = plan.summary();
        ObjectNode sum = meta.putObject("summary");
        sum.put("add", s[0]);
        sum.put("change", s[1]);
        sum.put("destroy", s[2]);
        return root;
    }

    /**
     * lockstep's own per-change fields, which Terraform's format has no place for and which
     * {@code show PLANFILE} needs to render exactly what {@code plan} rendered: the value types
     * (JSON loses the difference between lists, sets and tuples, maps and objects), the changed
     * paths where a redacted secret cannot be compared (they say that a secret changed, never
     * what it is), and the provider's notes.
     */
    private static ObjectNode extension(Value before, Value after, java.util.List<AttributePath> changed,
            java.util.List<String> notes) {
        ObjectNode ext = F.objectNode();
        if (before != null) {
            ext.set("before_type", type(before.type()));
        }
        if (after != null) {
            ext.set("after_type", type(after.type()));
        }
        ArrayNode secrets = F.arrayNode();
        for (AttributePath p : changed) {
            if (touchesSecret(before, p) || touchesSecret(after, p)) {
                secrets.add(path(p));
            }
        }
        if (!secrets.isEmpty()) {
            ext.set("changed_sensitive_paths", secrets);
        }
        if (!notes.isEmpty()) {
            ArrayNode n = ext.putArray("notes");
            notes.forEach(n::add);
        }
        return ext;
    }

    private static JsonNode type(Type t) {
        try {
            return new ObjectMapper().readTree(TypeJson.toJson(t));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the value at {@code p}, or one around or inside it, is sensitive. */
    private static boolean touchesSecret(Value v, AttributePath p) {
        Value cur = v;
        for (AttributePath.Step s : p.steps()) {
            if (cur == null || cur.isSensitive()) {
                return cur != null;
            }
            if (cur.isNull() || !cur.isKnown()) {
                return false;
            }
            if (s instanceof AttributePath.Index i) {
                cur = cur.isSequence() && i.index() < cur.length() ? cur.elements().get(i.index()) : null;
            } else {
                String k = s instanceof AttributePath.Attr a ? a.name() : ((AttributePath.Key) s).key();
                cur = cur.isMapping() ? cur.get(k) : null;
            }
        }
        return cur != null && (cur.isSensitive() || cur.containsSensitive());
    }

    static ArrayNode path(AttributePath p) {
        ArrayNode path = F.arrayNode();
        p.steps().forEach(s -> {
            if (s instanceof AttributePath.Index i) {
                path.add(i.index());
            } else if (s instanceof AttributePath.Attr a) {
                path.add(a.name());
            } else {
                path.add(((AttributePath.Key) s).key());
            }
        });
        return path;
    }

    /**
     * With {@code --target}, the instances Terraform leaves out of the plan: those neither matched
     * by a target nor an instance of a resource that a targeted instance depends on (directly or
     * transitively). Only no-ops are ever left out, so
     * that no planned change can be missing from the JSON whatever this computes.
     */
    static java.util.Set<ResourceAddress> untargeted(Plan plan) {
        java.util.Set<ResourceAddress> out = new java.util.HashSet<>();
        if (plan.targets().isEmpty()) {
            return out;
        }
        List<ResourceAddress> targets = plan.targets().stream().map(ResourceAddress::parse).toList();
        java.util.Set<ResourceAddress> targeted = new java.util.HashSet<>();
        java.util.Set<String> dependencies = new java.util.HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        for (ResourceChange c : plan.changes()) {
            for (ResourceAddress t : targets) {
                if (t.withoutKey().equals(c.address().withoutKey())
                        && (t.key() instanceof dev.lockstep.api.addr.InstanceKey.None
                            || t.key().equals(c.address().key()))) {
                    targeted.add(c.address());
                    todo.addAll(c.dependencies());
                }
            }
        }
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!dependencies.add(id)) {
                continue;
            }
            for (ResourceChange c : plan.changes()) {
                if (configAddress(c.address()).equals(id)) {
                    todo.addAll(c.dependencies());
                }
            }
        }
        for (ResourceChange c : plan.changes()) {
            if (c.action() == Action.NO_OP && !targeted.contains(c.address())
                    && !dependencies.contains(configAddress(c.address()))) {
                out.add(c.address());
            }
        }
        return out;
    }

    private static String configAddress(ResourceAddress a) {
        return a.withoutKey().toString();
    }

    /**
     * Terraform's {@code planned_values}: every resource instance that exists after the plan is
     * applied (deletions left out), with its known planned values (unknown attributes omitted,
     * sensitive ones null) and {@code sensitive_values}; and the outputs, with {@code value}
     * omitted where unknown and null where sensitive. lockstep has no modules, so all of it is in
     * {@code root_module}.
     */
    private static ObjectNode plannedValues(Plan plan, java.util.Set<ResourceAddress> untargeted) {
        ObjectNode pv = F.objectNode();
        ObjectNode outputs = pv.putObject("outputs");
        for (OutputChange oc : plan.outputs()) {
            if (oc.action() == Action.DELETE || oc.after() == null) {
                continue;
            }
            ObjectNode o = outputs.putObject(oc.name());
            o.put("sensitive", oc.sensitive());
            JsonNode v = oc.sensitive() ? NullNode.instance : known(oc.after());
            if (v != null) {
                o.set("value", v);
            }
        }
        ArrayNode resources = pv.putObject("root_module").putArray("resources");
        for (ResourceChange c : plan.changes()) {
            if (c.action() == Action.DELETE || c.after() == null || untargeted.contains(c.address())) {
                continue;
            }
            ObjectNode r = resources.addObject();
            address(r, c.address(), c.provider());
            JsonNode values = known(c.after());
            r.set("values", values == null ? F.objectNode() : values);
            JsonNode sens = sensitive(c.after());
            r.set("sensitive_values", sens.isObject() ? sens : F.objectNode());
        }
        return pv;
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

    static void address(ObjectNode o, ResourceAddress a, String provider) {
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
    public static JsonNode value(Value v) {
        JsonNode n = known(v);
        return n == null ? NullNode.instance : n;
    }

    /**
     * The value as Terraform writes {@code before} and {@code after}: unknown attributes and map
     * entries omitted, unknown list elements null (their place is what {@code after_unknown}
     * refers to), sensitive values null. Null for a wholly unknown value, which callers omit.
     */
    static JsonNode known(Value v) {
        if (v == null) {
            return NullNode.instance;
        }
        if (!v.isKnown()) {
            return null;
        }
        if (v.isNull() || v.isSensitive()) {
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
            v.elements().forEach(e -> {
                JsonNode n = known(e);
                a.add(n == null ? NullNode.instance : n);
            });
            return a;
        }
        ObjectNode o = F.objectNode();
        v.attributes().forEach((k, e) -> {
            JsonNode n = known(e);
            if (n != null) {
                o.set(k, n);
            }
        });
        return o;
    }

    /**
     * Terraform's {@code after_unknown} of an output: false when wholly known, otherwise the
     * shape of {@link #unknownShape}.
     */
    static JsonNode unknown(Value v) {
        return v.isWhollyKnown() ? BooleanNode.FALSE : unknownShape(v);
    }

    /**
     * Terraform's {@code after_unknown} of a resource: {@code {}} when wholly known, otherwise the
     * shape of {@link #unknownShape}.
     */
    static JsonNode resourceUnknown(Value v) {
        return v.isWhollyKnown() ? F.objectNode() : unknownShape(v);
    }

    /**
     * Where a value is unknown, as Terraform writes it: true for an unknown value (sensitive or
     * not: that a value is not yet known reveals nothing of it), false for a known primitive or
     * null, and for a known collection the same shape, every element of a sequence kept and the
     * false entries of objects and maps omitted.
     */
    static JsonNode unknownShape(Value v) {
        if (!v.isKnown()) {
            return BooleanNode.TRUE;
        }
        if (v.isNull()) {
            return BooleanNode.FALSE;
        }
        Value u = v.unmark();
        if (u.isSequence()) {
            ArrayNode a = F.arrayNode();
            u.elements().forEach(e -> a.add(unknownShape(e)));
            return a;
        }
        if (u.isMapping()) {
            ObjectNode o = F.objectNode();
            u.attributes().forEach((k, e) -> {
                JsonNode n = unknownShape(e);
                if (!(n instanceof BooleanNode b && !b.booleanValue())) {
                    o.set(k, n);
                }
            });
            return o;
        }
        return BooleanNode.FALSE;
    }

    /**
     * Terraform's {@code *_sensitive}: true where sensitive; for collections the same shape (false
     * entries of objects and maps omitted, every element of a sequence kept); for an unknown
     * collection an empty array or object, since nothing can be said of its elements yet.
     */
    static JsonNode sensitive(Value v) {
        if (v == null) {
            return BooleanNode.FALSE;
        }
        if (v.isSensitive()) {
            return BooleanNode.TRUE;
        }
        if (v.isNull()) {
            return BooleanNode.FALSE;
        }
        if (!v.isKnown()) {
            Type t = v.type();
            if (t instanceof dev.lockstep.api.value.ListType || t instanceof dev.lockstep.api.value.SetType
                    || t instanceof dev.lockstep.api.value.TupleType) {
                return F.arrayNode();
            }
            if (t instanceof dev.lockstep.api.value.MapType || t instanceof dev.lockstep.api.value.ObjectType) {
                return F.objectNode();
            }
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
