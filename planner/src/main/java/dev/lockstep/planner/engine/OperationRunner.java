package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.Severity;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.engine.OperationGraph.Operation;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.schema.BodyDecoder;
import dev.lockstep.planner.scope.Expansion;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.StateException;
import java.time.Instant;

/**
 * Runs one operation of an apply: evaluates the instance's configuration again now that what it
 * depends on has its final values, re-plans it and checks the result against the plan, calls the
 * provider, and journals the outcome before reporting it done.
 */
final class OperationRunner {

    private final Planner.Request request;
    private final Planner.Result planned;
    private final Journal journal;
    private final ApplyListener listener;
    private final SecretHasher hasher;
    private final InstancePlanner instancePlanner;
    private final java.util.Map<dev.lockstep.api.addr.ResourceAddress, dev.lockstep.api.addr.ResourceAddress> deposed =
            new java.util.concurrent.ConcurrentHashMap<>();

    OperationRunner(Planner.Request request, Planner.Result planned, Journal journal, ApplyListener listener) {
        this.request = request;
        this.planned = planned;
        this.journal = journal;
        this.listener = listener;
        this.hasher = new SecretHasher(request.state().hashKey());
        this.instancePlanner = new InstancePlanner(hasher);
    }

    Diagnostics run(Operation op) {
        long start = System.nanoTime();
        listener.started(op.address(), op.op());
        Diagnostics d = new Diagnostics();
        String id = null;
        try {
            switch (op.op()) {
                case CREATE:
                case UPDATE:
                    id = createOrUpdate(op, d);
                    break;
                case DELETE:
                    delete(op, d);
                    break;
                case READ:
                    read(op, d);
                    break;
                default:
                    throw new IllegalStateException();
            }
        } catch (StateException e) {
            d.error("Failed to record the result in state", op + ": " + e.getMessage() + " The object may have been "
                    + "changed without being recorded; run `lockstep plan` to reconcile.", null);
        }
        listener.finished(op.address(), op.op(), Applier.since(start), id, d);
        return d;
    }

    private PlannedInstance instance(ResourceAddress a) {
        PlannedInstance pi = planned.instances().get(a);
        if (pi == null) {
            throw new IllegalStateException("no planned instance for " + a);
        }
        return pi;
    }

    private Provider provider(ResourceChange c, Diagnostics d) {
        EvalContext root = EvalContext.of(planned.scope(), request.functions(), request.functionContext());
        return request.providers().get(c.provider(), root, d);
    }

    private EvalContext instanceContext(Expansion.Instance inst) {
        Expansion.Instance i = inst == null ? new Expansion.Instance(null, null, null, null) : inst;
        return EvalContext.of(planned.scope().forInstance(i.countIndex(), i.eachKey(), i.eachValue()),
                request.functions(), request.functionContext());
    }

    private String createOrUpdate(Operation op, Diagnostics d) throws StateException {
        PlannedInstance pi = instance(op.address());
        ResourceChange c = pi.change();
        Provider p = provider(c, d);
        if (p == null) {
            return null;
        }
        ResourceHandler h = p.resource(op.address().type());
        ResourceConfig rc = pi.config();
        EvalContext ictx = instanceContext(pi.instance());
        Conditions.check(Conditions.Kind.RESOURCE_PRECONDITION, rc.lifecycle().preconditions(), ictx,
                Severity.ERROR, false, d);
        if (d.hasErrors()) {
            return null;
        }
        Value config = new BodyDecoder(d).decode(rc.body(), h.schema().block(), ictx, rc.range());
        if (d.hasErrors()) {
            return null;
        }
        boolean create = op.op() == ApplyListener.Op.CREATE;
        Value prior = create ? null : c.before();
        InstancePlanner.Shaped shaped = instancePlanner.shape(op.address(), h, prior,
                create ? java.util.Map.of() : c.beforeSecrets(), config, rc.lifecycle(), rc.range(), d);
        if (d.hasErrors()) {
            return null;
        }
        Value finalPlan = shaped.planned();
        if (!Consistency.conforms(c.after(), finalPlan)) {
            d.error("Provider produced inconsistent final plan", "When expanding the plan for " + op.address()
                    + " to include new values learned so far during apply, the result differs from the plan: "
                    + String.join(", ", Consistency.differences(c.after(), finalPlan)) + ". This is a bug in the "
                    + "provider; please report it. Run `lockstep plan` again to see the new changes.", rc.range());
            return null;
        }
        Instant now = Instant.now();
        ResourceInstance recorded = pi.recorded();
        String id = create ? null : recorded == null ? null : recorded.id();
        if (create && c.action() == Action.CREATE && recorded != null) {
            // the recorded object was deleted outside lockstep: forget it before recreating
            journal.remove(op.address());
        }
        if (create && c.action() == Action.CREATE_THEN_DELETE && recorded != null) {
            // keep the old object recorded (deposed) until it is deleted, then create the new one
            dev.lockstep.api.addr.ResourceAddress side = Deposed.address(op.address(), recorded.id());
            journal.put(recorded.withAddress(side));
            journal.remove(op.address());
            deposed.put(op.address(), side);
        }
        if (create) {
            Marks.Redacted r = Marks.redact(unknownsAsNulls(finalPlan), hasher);
            journal.pending(new ResourceInstance(op.address(), c.provider(), h.schema().version(), null, r.value(),
                    r.hashes(), c.dependencies(), ResourceInstance.Status.PENDING_CREATE, now, now));
        }
        ApplyRequest ar = new ApplyRequest(op.address(), id, prior, finalPlan, config);
        ApplyResponse resp = ProviderCalls.call(op.address().toString(), rc.range(), d,
                () -> create ? ((ResourceCreator) h).create(ar) : ((ResourceUpdater) h).update(ar), prior, finalPlan,
                config);
        if (resp == null) {
            return null; // as when a provider returns no state: a create stays pending, an update as recorded
        }
        d.addAll(ProviderCalls.located(resp.diagnostics(), rc.range()));
        if (resp.newState() == null && !d.hasErrors()) {
            d.error("Provider returned no state", "The provider returned neither a new state nor an error for "
                    + op.address() + ". This is a bug in the provider.", null);
        }
        if (resp.newState() == null) {
            return null;
        }
        Value newState = Marks.mark(Marks.markSchema(resp.newState(), h.schema().block()), Marks.paths(finalPlan));
        if (d.hasErrors()) {
            // a failed create or update that still returns the object (a create whose read-back met a
            // 5xx): what it did not learn is recorded as null, and the object tainted below, so that it
            // is neither lost nor orphaned; the next plan refreshes it by id
            newState = unknownsAsNulls(newState);
        }
        Marks.Redacted r = Marks.redact(newState, hasher);
        // a provider that echoes a redacted placeholder keeps the recorded hash of that secret
        java.util.Map<dev.lockstep.api.value.AttributePath, String> hashes = new java.util.TreeMap<>(
                Refresher.placeholderHashes(recorded, newState));
        hashes.putAll(r.hashes());
        ResourceInstance.Status status = d.hasErrors() ? ResourceInstance.Status.TAINTED
                : ResourceInstance.Status.READY;
        Instant created = create || recorded == null || recorded.createdAt() == null ? now : recorded.createdAt();
        journal.put(new ResourceInstance(op.address(), c.provider(), h.schema().version(), resp.id(), r.value(),
                create ? r.hashes() : hashes, c.dependencies(), status, created, now));
        planned.values().set(op.address(), newState);
        if (!d.hasErrors()) {
            // after the object is recorded, as Terraform does: it exists, and the command fails
            Conditions.check(Conditions.Kind.RESOURCE_POSTCONDITION, rc.lifecycle().postconditions(),
                    Conditions.withSelf(ictx, newState), Severity.ERROR, false, d);
        }
        return resp.id();
    }

    /** The planned value with every unknown replaced by a null of its type: what a pending record can hold. */
    static Value unknownsAsNulls(Value v) {
        if (!v.isKnown()) {
            return Value.nullOf(v.type()).markSensitiveIf(v.isSensitive());
        }
        if (v.isNull() || v.isWhollyKnown()) {
            return v;
        }
        Value out;
        if (v.isSequence()) {
            java.util.List<Value> els = new java.util.ArrayList<>();
            for (Value e : v.elements()) {
                els.add(unknownsAsNulls(e));
            }
            out = v.isTuple() ? Value.tuple(els) : v.isSet() ? Value.set(v.type().elementType(), els)
                    : Value.list(v.type().elementType(), els);
        } else {
            java.util.Map<String, Value> m = new java.util.LinkedHashMap<>();
            v.attributes().forEach((k, e) -> m.put(k, unknownsAsNulls(e)));
            out = v.isMap() ? Value.map(v.type().elementType(), m) : Value.object(m);
        }
        return out.markSensitiveIf(v.isSensitive());
    }

    private void delete(Operation op, Diagnostics d) throws StateException {
        PlannedInstance pi = instance(op.address());
        ResourceChange c = pi.change();
        Provider p = provider(c, d);
        if (p == null) {
            return;
        }
        ResourceHandler h = p.resource(op.address().type());
        if (!(h instanceof ResourceDeleter del)) {
            d.error("Resource cannot be deleted", "The provider does not support deleting " + op.address().type()
                    + " objects; remove it from state with `lockstep state rm` and delete it by hand.", null);
            return;
        }
        ResourceInstance recorded = pi.recorded();
        ApplyRequest request = new ApplyRequest(op.address(), recorded == null ? null : recorded.id(), c.before(), null,
                null);
        SourceRange range = pi.config() == null ? null : pi.config().range();
        Diagnostics deleted = ProviderCalls.call(op.address().toString(), range, d, () -> del.delete(request),
                c.before());
        if (deleted != null) {
            d.addAll(ProviderCalls.located(deleted, range));
        }
        if (d.hasErrors()) {
            return;
        }
        if (op.deposed()) {
            dev.lockstep.api.addr.ResourceAddress side = deposed.get(op.address());
            if (side != null) {
                journal.remove(side);
            }
        } else {
            journal.remove(op.address());
            if (c.action() == Action.DELETE) {
                planned.values().remove(op.address());
            }
        }
    }

    private void read(Operation op, Diagnostics d) {
        PlannedInstance pi = instance(op.address());
        ResourceChange c = pi.change();
        Provider p = provider(c, d);
        if (p == null) {
            return;
        }
        DataSourceHandler h = p.dataSource(op.address().type());
        ResourceConfig rc = pi.config();
        EvalContext ictx = instanceContext(pi.instance());
        Conditions.check(Conditions.Kind.RESOURCE_PRECONDITION, rc.lifecycle().preconditions(), ictx,
                Severity.ERROR, false, d);
        if (d.hasErrors()) {
            return;
        }
        Value config = new BodyDecoder(d).decode(rc.body(), h.schema().block(), ictx, rc.range());
        if (d.hasErrors()) {
            return;
        }
        DataSourceHandler.DataResponse r = ProviderCalls.call(op.address().toString(), rc.range(), d,
                () -> h.read(config), config);
        if (r == null) {
            return;
        }
        d.addAll(ProviderCalls.located(r.diagnostics(), rc.range()));
        if (r.state() != null) {
            Value v = Marks.mark(Marks.markSchema(r.state(), h.schema().block()), Marks.paths(config));
            if (!d.hasErrors()) {
                Conditions.check(Conditions.Kind.RESOURCE_POSTCONDITION, rc.lifecycle().postconditions(),
                        Conditions.withSelf(ictx, v), Severity.ERROR, false, d);
            }
            if (!d.hasErrors()) {
                planned.values().set(op.address(), v);
            }
        }
    }

    /**
     * Checks the conditions of an instance the plan leaves unchanged, now that the changes it
     * depends on are applied (Terraform checks them again at apply, so that they still hold and
     * those that were unknown at plan time are checked at all).
     */
    Diagnostics recheck(PlannedInstance pi, Severity failure) {
        Diagnostics d = new Diagnostics();
        ResourceConfig rc = pi.config();
        if (rc == null || !rc.lifecycle().hasConditions() || pi.change().after() == null) {
            return d;
        }
        EvalContext ictx = instanceContext(pi.instance());
        Conditions.check(Conditions.Kind.RESOURCE_PRECONDITION, rc.lifecycle().preconditions(), ictx, failure, false,
                d);
        if (!d.hasErrors()) {
            Conditions.check(Conditions.Kind.RESOURCE_POSTCONDITION, rc.lifecycle().postconditions(),
                    Conditions.withSelf(ictx, pi.change().after()), failure, false, d);
        }
        return d;
    }
}
