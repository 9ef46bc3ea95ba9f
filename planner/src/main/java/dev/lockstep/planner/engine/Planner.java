package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.addr.ResourceMode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.Severity;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Condition;
import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.config.Local;
import dev.lockstep.planner.config.Output;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.graph.ConfigGraph;
import dev.lockstep.planner.graph.GraphNode;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.schema.BodyDecoder;
import dev.lockstep.planner.scope.ConfigScope;
import dev.lockstep.planner.scope.Expansion;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes a plan: refreshes every managed object, evaluates the configuration in dependency order
 * against the refreshed values, plans each resource instance, deletes what is no longer
 * configured, applies targeting and {@code prevent_destroy}, and evaluates the outputs.
 *
 * <p>This class is the walk and the bookkeeping between its steps; what is decided per instance
 * lives in {@link InstancePlanner}, the guards in {@link PlanGuards}, value comparison in
 * {@link Diffs}.
 */
public final class Planner {

    /** Everything a plan is made from. */
    public record Request(Config config, ConfigGraph graph, State state, Map<String, Value> variables,
            PlanOptions options, ProviderSet providers, Map<String, Function> functions,
            FunctionContext functionContext, String configDigest) {
    }

    /** The plan, plus what the applier needs that the plan record does not carry. */
    public record Result(Plan plan, Map<ResourceAddress, PlannedInstance> instances, ConfigScope scope,
            ResourceValues values, Map<ResourceAddress, Refresher.Refreshed> refreshed, Diagnostics diagnostics) {
    }

    private final Request req;
    private final Diagnostics diags = new Diagnostics();
    private final SecretHasher hasher;
    private final ConfigScope scope;
    private final ResourceValues values;
    private final EvalContext root;
    private final BodyDecoder decoder;
    private final InstancePlanner instancePlanner;
    private final Map<ResourceAddress, PlannedInstance> instances = new TreeMap<>();
    private final Map<ResourceAddress, ResourceChange> changes = new TreeMap<>();
    private Map<ResourceAddress, Refresher.Refreshed> refreshed = Map.of();

    private Planner(Request req) {
        this.req = req;
        this.hasher = new SecretHasher(req.state().hashKey());
        this.scope = new ConfigScope(req.config());
        this.values = new ResourceValues(scope);
        this.root = EvalContext.of(scope, req.functions(), req.functionContext());
        this.decoder = new BodyDecoder(diags);
        this.instancePlanner = new InstancePlanner(hasher);
    }

    public static Result plan(Request req) {
        return new Planner(req).run();
    }

    private Result run() {
        scope.setVariables(req.variables());
        List<DriftEntry> drift = refresh();
        if (!diags.hasErrors()) {
            if (req.options().mode() == PlanMode.DESTROY) {
                planDestroy();
                PlanGuards.applyTargeting(req, changes, diags);
                PlanGuards.checkPreventDestroy(req, changes, instances, diags);
            } else {
                walk();
                if (req.options().mode() == PlanMode.NORMAL) {
                    planOrphans();
                } else {
                    refreshOnly();
                }
                PlanGuards.applyTargeting(req, changes, diags);
                PlanGuards.checkPreventDestroy(req, changes, instances, diags);
            }
        }
        List<OutputChange> outputs = diags.hasErrors() ? List.of() : outputs();
        if (req.options().mode() != PlanMode.DESTROY && !diags.hasErrors()) {
            Conditions.checkBlocks(req.config().checks().values(), root, true, diags);
        }
        Map<ResourceAddress, String> fingerprints = new TreeMap<>();
        refreshed.forEach((a, r) -> fingerprints.put(a, Refresher.fingerprint(r.value(), hasher)));
        List<String> targets = new ArrayList<>();
        for (ResourceAddress t : req.options().targets()) {
            targets.add(t.toString());
        }
        Plan plan = new Plan(req.options().mode(), new ArrayList<>(changes.values()), outputs, drift,
                req.state().lineage(), req.state().serial(), req.configDigest(), fingerprints, targets, Instant.now());
        return new Result(plan, instances, scope, values, refreshed, diags.deduplicated());
    }

    // ------------------------------------------------------------------ refresh

    private List<DriftEntry> refresh() {
        State state = req.state();
        if (req.options().refresh()) {
            refreshed = Refresher.refresh(state, req.providers(), root, req.options().parallelism(), diags);
        } else {
            Map<ResourceAddress, Refresher.Refreshed> m = new HashMap<>();
            for (ResourceInstance r : state.resources().values()) {
                if (!r.address().isData() && r.status() != ResourceInstance.Status.PENDING_CREATE) {
                    m.put(r.address(), new Refresher.Refreshed(r.attributes(), r.id()));
                }
            }
            refreshed = m;
        }
        List<DriftEntry> drift = new ArrayList<>();
        for (ResourceInstance r : state.resources().values()) {
            if (r.address().isData() || r.status() == ResourceInstance.Status.PENDING_CREATE) {
                continue;
            }
            Refresher.Refreshed now = refreshed.get(r.address());
            if (now == null) {
                continue; // not read (provider failed; already reported)
            }
            if (now.value() == null) {
                drift.add(new DriftEntry(r.address(), true, r.attributes(), null, List.of()));
                continue;
            }
            var changed = Diffs.changedPaths(r.attributes(), r.secretHashes(), now.value(), hasher);
            if (!changed.isEmpty()) {
                drift.add(new DriftEntry(r.address(), false, r.attributes(), now.value(), changed));
            }
        }
        return drift;
    }

    /** The refreshed value of an instance, or null when it does not exist (or never did). */
    private Value current(ResourceAddress a) {
        Refresher.Refreshed r = refreshed.get(a);
        return r == null ? null : r.value();
    }

    // ------------------------------------------------------------------ the walk

    private void walk() {
        Config config = req.config();
        Map<String, ResourceConfig> byNode = new HashMap<>();
        for (ResourceConfig r : config.resources().values()) {
            byNode.put((r.mode() == ResourceMode.DATA ? "data." : "") + r.type() + "." + r.name(), r);
            values.declare(r);
        }
        Set<GraphNode> inCycles = new HashSet<>();
        for (List<GraphNode> c : req.graph().graph().cycles()) {
            inCycles.addAll(c);
        }
        for (GraphNode n : req.graph().graph().topologicalOrder()) {
            if (inCycles.contains(n)) {
                continue;
            }
            switch (n.kind()) {
                case LOCAL: {
                    Local l = config.locals().get(n.name());
                    scope.setLocal(l.name(), Evaluator.evaluate(l.expr(), root, diags));
                    break;
                }
                case DATA:
                    planData(byNode.get(n.id()), n);
                    break;
                case RESOURCE:
                    planResource(byNode.get(n.id()), n);
                    break;
                default:
                    break;
            }
        }
    }

    private Provider provider(String key) {
        return req.providers().get(key, root, diags);
    }

    /**
     * How a false condition is reported: an error, except in a refresh-only plan, which reports
     * it as a warning (as Terraform does) because it changes nothing.
     */
    private Severity failureSeverity() {
        return req.options().mode() == PlanMode.REFRESH_ONLY ? Severity.WARNING : Severity.ERROR;
    }

    private Conditions.Outcome conditions(Conditions.Kind kind, List<Condition> rules, EvalContext ctx) {
        return Conditions.check(kind, rules, ctx, failureSeverity(), false, diags);
    }

    private static String providerKey(ResourceConfig rc) {
        return rc.provider() != null ? rc.provider() : rc.impliedProvider();
    }

    /** The configuration addresses of the resources and data sources a node depends on, directly or through locals. */
    private List<String> resourceDependencies(GraphNode n) {
        Set<String> out = new java.util.TreeSet<>();
        java.util.ArrayDeque<GraphNode> todo = new java.util.ArrayDeque<>(req.graph().graph().dependencies(n));
        Set<GraphNode> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            GraphNode d = todo.pop();
            if (!seen.add(d)) {
                continue;
            }
            if (d.kind() == GraphNode.Kind.RESOURCE || d.kind() == GraphNode.Kind.DATA) {
                out.add(d.id());
            } else {
                todo.addAll(req.graph().graph().dependencies(d));
            }
        }
        return new ArrayList<>(out);
    }

    private void planResource(ResourceConfig rc, GraphNode node) {
        Provider p = provider(providerKey(rc));
        if (p == null) {
            return;
        }
        ResourceHandler h = p.resource(rc.type());
        if (h == null) {
            diags.error("Invalid resource type", "The provider \"" + providerKey(rc) + "\" does not support resource "
                    + "type \"" + rc.type() + "\".", rc.range());
            return;
        }
        int before = diags.errorCount();
        List<Expansion.Instance> insts = Expansion.expand(rc, root, diags);
        if (insts == null) {
            if (diags.errorCount() == before) {
                String what = rc.count() != null ? "count" : "for_each";
                diags.error("Invalid " + what + " argument", "The \"" + what + "\" value depends on resource "
                        + "attributes that cannot be determined until apply, so lockstep cannot predict how many "
                        + "instances will be created. To work around this, use --target to first apply only the "
                        + "resources that the " + what + " depends on.", rc.count() != null ? rc.count().range()
                        : rc.forEach().range());
            }
            return;
        }
        List<String> deps = resourceDependencies(node);
        Set<ResourceAddress> replace = new HashSet<>(req.options().replace());
        for (Expansion.Instance inst : insts) {
            ResourceAddress addr = rc.address().withKey(inst.key());
            EvalContext ictx = EvalContext.of(scope.forInstance(inst.countIndex(), inst.eachKey(), inst.eachValue()),
                    req.functions(), req.functionContext());
            int errs = diags.errorCount();
            // a failing precondition stops the planning of the instance (an unknown one is checked at apply)
            conditions(Conditions.Kind.RESOURCE_PRECONDITION, rc.lifecycle().preconditions(), ictx);
            if (diags.errorCount() > errs) {
                continue;
            }
            Value config = decoder.decode(rc.body(), h.schema().block(), ictx, rc.range());
            if (diags.errorCount() > errs) {
                continue;
            }
            ResourceInstance recorded = req.state().resource(addr);
            Value prior = current(addr);
            ResourceChange c = instancePlanner.plan(addr, providerKey(rc), h, prior, recorded, config,
                    rc.lifecycle(), replace.contains(addr), deps, rc.range(), diags);
            c = replaceTriggeredBy(rc, c, ictx);
            // postconditions against the planned object; what is not known yet is checked after the apply
            Value self = req.options().mode() == PlanMode.REFRESH_ONLY ? c.before() : c.after();
            if (self != null) {
                conditions(Conditions.Kind.RESOURCE_POSTCONDITION, rc.lifecycle().postconditions(),
                        Conditions.withSelf(ictx, self));
            }
            changes.put(addr, c);
            instances.put(addr, new PlannedInstance(c, rc, inst, h.schema(), recorded, config));
            values.set(addr, c.after());
        }
    }

    /** {@code replace_triggered_by}: a change of a referenced resource (or attribute) replaces this one. */
    private ResourceChange replaceTriggeredBy(ResourceConfig rc, ResourceChange c, EvalContext ictx) {
        if (rc.lifecycle().replaceTriggeredBy().isEmpty() || c.action() != Action.NO_OP && c.action() != Action.UPDATE) {
            return c;
        }
        for (var e : rc.lifecycle().replaceTriggeredBy()) {
            for (var t : dev.lockstep.planner.hcl.ast.Expressions.references(e)) {
                if (t.steps().isEmpty() || !(t.steps().get(0) instanceof dev.lockstep.planner.hcl.ast.Traversal.Attr n)) {
                    continue;
                }
                for (ResourceChange other : changes.values()) {
                    ResourceAddress a = other.address();
                    if (!a.isData() && a.type().equals(t.root()) && a.name().equals(n.name()) && other.action().isChange()
                            && keyMatches(t, a.key(), ictx)) {
                        Action replace = rc.lifecycle().createBeforeDestroy() ? Action.CREATE_THEN_DELETE
                                : Action.DELETE_THEN_CREATE;
                        return c.withAction(replace, ActionReason.REPLACE_BY_TRIGGERS);
                    }
                }
            }
        }
        return c;
    }

    private static boolean keyMatches(dev.lockstep.planner.hcl.ast.Traversal t, InstanceKey key, EvalContext ctx) {
        if (t.steps().size() < 2 || !(t.steps().get(1) instanceof dev.lockstep.planner.hcl.ast.Traversal.Index idx)) {
            return true;
        }
        Value k = idx.key();
        if (key instanceof InstanceKey.Int i) {
            return k.type() == Type.NUMBER && k.asNumber().intValue() == i.value();
        }
        if (key instanceof InstanceKey.Str s) {
            return k.type() == Type.STRING && k.asString().equals(s.value());
        }
        return false;
    }

    private void planData(ResourceConfig rc, GraphNode node) {
        Provider p = provider(providerKey(rc));
        if (p == null) {
            return;
        }
        DataSourceHandler h = p.dataSource(rc.type());
        if (h == null) {
            diags.error("Invalid data source type", "The provider \"" + providerKey(rc) + "\" does not support data "
                    + "source type \"" + rc.type() + "\".", rc.range());
            return;
        }
        List<Expansion.Instance> insts = Expansion.expand(rc, root, diags);
        if (insts == null) {
            return;
        }
        List<String> deps = resourceDependencies(node);
        boolean dependencyPending = false;
        for (String d : deps) {
            for (ResourceChange c : changes.values()) {
                String id = (c.address().isData() ? "data." : "") + c.address().type() + "." + c.address().name();
                if (id.equals(d) && (c.action().isChange() || c.action() == Action.READ)) {
                    dependencyPending = true;
                }
            }
        }
        for (Expansion.Instance inst : insts) {
            ResourceAddress addr = rc.address().withKey(inst.key());
            EvalContext ictx = EvalContext.of(scope.forInstance(inst.countIndex(), inst.eachKey(), inst.eachValue()),
                    req.functions(), req.functionContext());
            int errs = diags.errorCount();
            Conditions.Outcome pre = conditions(Conditions.Kind.RESOURCE_PRECONDITION,
                    rc.lifecycle().preconditions(), ictx);
            if (diags.errorCount() > errs) {
                continue;
            }
            Value config = decoder.decode(rc.body(), h.schema().block(), ictx, rc.range());
            if (diags.errorCount() > errs) {
                continue;
            }
            if (!config.isWhollyKnown() || dependencyPending || pre == Conditions.Outcome.UNKNOWN) {
                // read during apply, where the conditions are checked again
                deferRead(rc, h, inst, addr, config, deps, dependencyPending || pre == Conditions.Outcome.UNKNOWN
                        ? ActionReason.READ_BECAUSE_DEPENDENCY_PENDING : ActionReason.READ_BECAUSE_CONFIG_UNKNOWN);
                continue;
            }
            DataSourceHandler.DataResponse r = ProviderCalls.call(addr.toString(), rc.range(), diags,
                    () -> h.read(config), config);
            if (r == null) {
                continue;
            }
            diags.addAll(ProviderCalls.located(r.diagnostics(), rc.range()));
            if (r.state() == null) {
                continue;
            }
            Value v = Marks.mark(Marks.markSchema(r.state(), h.schema().block()), Marks.paths(config));
            Conditions.Outcome post = conditions(Conditions.Kind.RESOURCE_POSTCONDITION,
                    rc.lifecycle().postconditions(), Conditions.withSelf(ictx, v));
            if (post == Conditions.Outcome.UNKNOWN) {
                deferRead(rc, h, inst, addr, config, deps, ActionReason.READ_BECAUSE_DEPENDENCY_PENDING);
                continue;
            }
            values.set(addr, v);
        }
    }

    /** Plans the read of a data source instance for the apply. */
    private void deferRead(ResourceConfig rc, DataSourceHandler h, Expansion.Instance inst, ResourceAddress addr,
            Value config, List<String> deps, ActionReason reason) {
        Value after = Value.unknown(h.schema().block().impliedType());
        ResourceChange c = new ResourceChange(addr, providerKey(rc), Action.READ, reason, null, after, List.of(),
                List.of(), Map.of(), List.of(), deps);
        changes.put(addr, c);
        instances.put(addr, new PlannedInstance(c, rc, inst, h.schema(), null, config));
        values.set(addr, after);
    }

    // ------------------------------------------------------------------ deletes

    private void planOrphans() {
        Map<String, ResourceConfig> configured = new HashMap<>();
        for (ResourceConfig rc : req.config().resources().values()) {
            configured.put((rc.mode() == ResourceMode.DATA ? "data." : "") + rc.type() + "." + rc.name(), rc);
        }
        for (ResourceInstance r : req.state().resources().values()) {
            ResourceAddress a = r.address();
            if (a.isData() || changes.containsKey(a)) {
                continue;
            }
            Value prior = current(a);
            if (prior == null) {
                continue; // already gone; the state record is simply dropped at apply
            }
            ResourceConfig rc = configured.get(a.type() + "." + a.name());
            ActionReason reason;
            if (Deposed.isDeposed(a)) {
                reason = ActionReason.DELETE_BECAUSE_DEPOSED;
            } else if (rc == null) {
                reason = ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG;
            } else if (rc.count() != null && a.key() instanceof InstanceKey.Int) {
                reason = ActionReason.DELETE_BECAUSE_COUNT_INDEX;
            } else if (rc.forEach() != null && a.key() instanceof InstanceKey.Str) {
                reason = ActionReason.DELETE_BECAUSE_EACH_KEY;
            } else if (rc.count() == null && rc.forEach() == null && a.key() instanceof InstanceKey.None) {
                continue; // configured but not planned: an earlier error, already reported
            } else {
                reason = ActionReason.DELETE_BECAUSE_WRONG_REPETITION;
            }
            addDelete(r, prior, reason);
        }
    }

    private void addDelete(ResourceInstance r, Value prior, ActionReason reason) {
        ResourceChange c = new ResourceChange(r.address(), r.provider(), Action.DELETE, reason, prior, null, List.of(),
                List.of(), Refresher.placeholderHashes(r, prior), List.of(), r.dependencies());
        changes.put(r.address(), c);
        ResourceSchema schema = schemaOf(r);
        instances.put(r.address(), new PlannedInstance(c, null, null, schema, r, null));
    }

    private ResourceSchema schemaOf(ResourceInstance r) {
        String name = r.provider().contains(".") ? r.provider().substring(0, r.provider().indexOf('.')) : r.provider();
        var ps = req.providers().schemas().provider(name);
        return ps == null ? null : ps.resources().get(r.address().type());
    }

    private void planDestroy() {
        for (ResourceInstance r : req.state().resources().values()) {
            if (r.address().isData()) {
                continue;
            }
            Value prior = current(r.address());
            if (prior == null && req.options().refresh()) {
                continue;
            }
            addDelete(r, prior == null ? r.attributes() : prior, ActionReason.NONE);
        }
    }

    private void refreshOnly() {
        // no resource changes: keep only what is needed to evaluate outputs
        changes.replaceAll((a, c) -> c.action() == Action.NO_OP || c.action() == Action.READ ? c
                : new ResourceChange(a, c.provider(), Action.NO_OP, ActionReason.NONE, c.before(), c.before(),
                        List.of(), List.of(), c.beforeSecrets(), List.of(), c.dependencies()));
        changes.entrySet().removeIf(e -> e.getValue().before() == null);
    }

    // ------------------------------------------------------------------ outputs

    private List<OutputChange> outputs() {
        List<OutputChange> out = new ArrayList<>();
        Map<String, OutputValue> prior = req.state().outputs();
        boolean destroy = req.options().mode() == PlanMode.DESTROY;
        Map<String, Output> configured = destroy ? Map.of() : req.config().outputs();
        Map<String, Value> views = destroy ? Map.of() : OutputViews.planned(req, scope, values, req.state(), hasher);
        for (Output o : configured.values()) {
            int errs = diags.errorCount();
            conditions(Conditions.Kind.OUTPUT_PRECONDITION, o.preconditions(), root);
            if (diags.errorCount() > errs) {
                continue;
            }
            Value v = Evaluator.evaluate(o.value(), root, diags);
            if (!o.sensitive() && v.containsSensitive()) {
                diags.error("Output refers to sensitive values", "Mark the output \"" + o.name() + "\" with "
                        + "sensitive = true to export it.", o.value().range());
                continue;
            }
            OutputValue before = prior.get(o.name());
            Action a;
            if (before == null) {
                a = v.isNull() ? Action.NO_OP : Action.CREATE; // as in Terraform, a null output is not a change
            } else if (o.sensitive() || before.sensitive()) {
                // compared as the apply recorded it: resource secrets the state keeps only as hashes redacted
                Value view = views.getOrDefault(o.name(), v);
                boolean same = before.secretHash() != null && v.isWhollyKnown()
                        && ((view.isWhollyKnown() && before.secretHash().equals(hasher.hash(view)))
                        || before.secretHash().equals(hasher.hash(v)) || keptSecret(v, before.secretHash()));
                a = same && o.sensitive() == before.sensitive() ? Action.NO_OP : Action.UPDATE;
            } else {
                a = Diffs.sameValue(before.value(), v) ? Action.NO_OP : Action.UPDATE;
            }
            out.add(new OutputChange(o.name(), a, before == null ? null : before.value(),
                    o.sensitive() ? v.markSensitive() : v, o.sensitive()));
        }
        for (Map.Entry<String, OutputValue> e : prior.entrySet()) {
            if (!configured.containsKey(e.getKey())) {
                out.add(new OutputChange(e.getKey(), Action.DELETE, e.getValue().value(), null,
                        e.getValue().sensitive()));
            }
        }
        out.sort((x, y) -> x.name().compareTo(y.name()));
        return out;
    }

    /**
     * Whether {@code v} is the redacted placeholder of a secret lockstep does not keep (a token's
     * value exists only in the create answer), standing for the secret the output recorded: the
     * recorded hash is that of a secret some unchanged object still holds only as a placeholder. A
     * source being replaced or changed would make the output unknown instead, so the output is
     * unchanged; the placeholder cannot be hashed to the recorded value.
     */
    private boolean keptSecret(Value v, String recordedHash) {
        if (!Placeholders.isPlaceholder(v)) {
            return false;
        }
        for (ResourceChange c : changes.values()) {
            if (c.after() == null || c.action() != Action.NO_OP) {
                continue;
            }
            for (Map.Entry<AttributePath, String> e : c.beforeSecrets().entrySet()) {
                if (e.getValue().equals(recordedHash) && Placeholders.isPlaceholder(e.getKey().get(c.after()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
