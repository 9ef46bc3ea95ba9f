package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Lifecycle;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.SecretHasher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans one resource instance: proposes a new value from the schema, applies {@code ignore_changes},
 * lets the provider customise the plan, and decides the action (create, update, replace or no-op)
 * with the attributes that force a replacement.
 */
final class InstancePlanner {

    private final SecretHasher hasher;

    InstancePlanner(SecretHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * The planned value and the provider's verdict for one proposal; {@code expired} when the only
     * reason for a replacement is the object's age (the provider's {@link PlanCustomizer.PlanResponse#expired}).
     */
    record Shaped(Value planned, List<AttributePath> requiresReplace, List<String> notes, boolean expired) {
    }

    /**
     * Shapes a proposal: engine default, then {@code ignore_changes}, then the provider's
     * customisation; marks from the schema and from the configuration are kept on the result.
     * {@code priorSecrets} are the keyed hashes of the secrets {@code prior} holds only as redacted
     * placeholders (see {@link #comparablePrior}).
     */
    Shaped shape(ResourceAddress address, ResourceHandler handler, Value prior, Map<AttributePath, String> priorSecrets,
            Value config, Lifecycle lifecycle, SourceRange range, Diagnostics diags) {
        BlockSchema block = handler.schema().block();
        config = Placeholders.fill(address, config, prior, diags);
        Value proposed = prior == null ? Proposals.proposeNew(block, config) : Proposals.propose(block, prior, config);
        if (prior != null) {
            proposed = ignoreChanges(block, proposed, prior, lifecycle);
        }
        Value planned = proposed;
        List<AttributePath> replace = new ArrayList<>();
        List<String> notes = List.of();
        boolean expired = false;
        Value comparable = prior == null ? null : comparablePrior(prior, proposed, priorSecrets);
        PlanCustomizer.PlanRequest request = new PlanCustomizer.PlanRequest(address, comparable, proposed, config);
        PlanCustomizer.PlanResponse r = handler instanceof PlanCustomizer pc ? ProviderCalls.call(address.toString(),
                range, diags, () -> pc.plan(request), comparable, proposed, config) : null;
        if (r != null) {
            diags.addAll(ProviderCalls.located(r.diagnostics(), range));
            if (r.planned() != null) {
                planned = r.planned();
            }
            replace.addAll(r.requiresReplace());
            notes = r.notes();
            expired = r.expired() && !r.requiresReplace().isEmpty();
        }
        if (prior != null) {
            for (AttributePath p : Proposals.forceNewChanges(block, comparable, planned)) {
                if (!replace.contains(p)) {
                    replace.add(p);
                    expired = false; // a changed attribute forces the replacement as well
                }
            }
        }
        planned = Marks.markSchema(planned, block);
        planned = Marks.mark(planned, Marks.paths(config));
        return new Shaped(planned, replace, notes, expired);
    }

    /**
     * The prior value as a provider should compare it with the proposal: where the state keeps only
     * a keyed hash of a secret (a redacted placeholder) and the proposal holds a value with that
     * same hash, the proposal's value, so that an unchanged secret compares equal; a changed secret
     * stays a placeholder, equal to nothing. Both the provider's plan customisation and the
     * force-new check compare against it; against the raw prior every secret looks changed.
     */
    Value comparablePrior(Value prior, Value proposed, Map<AttributePath, String> priorSecrets) {
        Value out = prior;
        for (Map.Entry<AttributePath, String> e : priorSecrets.entrySet()) {
            Value now = e.getKey().get(proposed);
            if (now != null && now.isWhollyKnown() && !(now.isNull() && now.isSensitive())
                    && e.getValue().equals(hasher.hash(now))) {
                out = replaceAt(out, e.getKey(), now.markSensitive());
            }
        }
        return out;
    }

    private static Value ignoreChanges(BlockSchema block, Value proposed, Value prior, Lifecycle lc) {
        if (lc == null) {
            return proposed;
        }
        Map<String, Value> m = new LinkedHashMap<>(proposed.attributes());
        if (lc.ignoreAllChanges()) {
            for (AttributeSchema a : block.attributes().values()) {
                if (a.settable() && prior.get(a.name()) != null) {
                    m.put(a.name(), prior.get(a.name()));
                }
            }
            for (String b : block.blocks().keySet()) {
                if (prior.get(b) != null) {
                    m.put(b, prior.get(b));
                }
            }
            return Value.object(m);
        }
        Value out = Value.object(m);
        for (Traversal t : lc.ignoreChanges()) {
            AttributePath p = toPath(t);
            Value old = p.get(prior);
            if (old != null) {
                out = replaceAt(out, p, old);
            }
        }
        return out;
    }

    static AttributePath toPath(Traversal t) {
        AttributePath p = AttributePath.of(t.root());
        for (Traversal.Step s : t.steps()) {
            if (s instanceof Traversal.Attr a) {
                p = p.attr(a.name());
            } else {
                Value k = ((Traversal.Index) s).key();
                if (k.type() == dev.lockstep.api.value.Type.NUMBER) {
                    p = p.index(k.asNumber().intValue());
                } else {
                    p = p.key(k.asString());
                }
            }
        }
        return p;
    }

    private static Value replaceAt(Value v, AttributePath p, Value replacement) {
        return replaceAt(v, p.steps(), 0, replacement);
    }

    private static Value replaceAt(Value v, List<AttributePath.Step> steps, int i, Value replacement) {
        if (i == steps.size()) {
            return replacement;
        }
        if (v == null || v.isNull() || !v.isKnown()) {
            return v;
        }
        AttributePath.Step s = steps.get(i);
        if (s instanceof AttributePath.Index idx) {
            if (!v.isSequence() || idx.index() >= v.length()) {
                return v;
            }
            List<Value> els = new ArrayList<>(v.elements());
            els.set(idx.index(), replaceAt(els.get(idx.index()), steps, i + 1, replacement));
            return v.isTuple() ? Value.tuple(els) : v.isSet() ? Value.set(v.type().elementType(), els)
                    : Value.list(v.type().elementType(), els);
        }
        String key = s instanceof AttributePath.Attr a ? a.name() : ((AttributePath.Key) s).key();
        if (!v.isMapping() || v.get(key) == null) {
            return v;
        }
        Map<String, Value> m = new LinkedHashMap<>(v.attributes());
        m.put(key, replaceAt(m.get(key), steps, i + 1, replacement));
        return v.isMap() ? Value.map(v.type().elementType(), m) : Value.object(m);
    }

    /**
     * Plans the instance. {@code prior} is the refreshed value (null when absent), {@code recorded}
     * its state record (null when new).
     */
    ResourceChange plan(ResourceAddress address, String providerKey, ResourceHandler handler, Value prior,
            ResourceInstance recorded, Value config, Lifecycle lifecycle, boolean replaceRequested,
            List<String> dependencies, SourceRange range, Diagnostics diags) {
        if (prior == null) {
            Shaped s = shape(address, handler, null, Map.of(), config, lifecycle, range, diags);
            return new ResourceChange(address, providerKey, Action.CREATE, ActionReason.NONE, null, s.planned(),
                    List.of(), List.of(), Map.of(), s.notes(), dependencies);
        }
        Map<AttributePath, String> priorSecrets = Refresher.placeholderHashes(recorded, prior);
        Shaped s = shape(address, handler, prior, priorSecrets, config, lifecycle, range, diags);
        List<AttributePath> changed = Diffs.changedPaths(prior, priorSecrets, s.planned(), hasher);
        boolean tainted = recorded != null && recorded.status() == ResourceInstance.Status.TAINTED;
        Action replaceAction = lifecycle != null && lifecycle.createBeforeDestroy() || handler.replaceCreatesFirst()
                ? Action.CREATE_THEN_DELETE
                : Action.DELETE_THEN_CREATE;
        ActionReason reason = null;
        List<AttributePath> replacePaths = List.of();
        if (replaceRequested) {
            reason = ActionReason.REPLACE_BY_REQUEST;
        } else if (tainted) {
            reason = ActionReason.REPLACE_BECAUSE_TAINTED;
        } else if (!s.requiresReplace().isEmpty()) {
            // the provider's verdict counts even when no attribute changed (a token past its rotate_after)
            reason = s.expired() ? ActionReason.REPLACE_BECAUSE_EXPIRED : ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE;
            replacePaths = s.requiresReplace();
        } else if (changed.isEmpty()) {
            return new ResourceChange(address, providerKey, Action.NO_OP, ActionReason.NONE, prior, s.planned(),
                    List.of(), List.of(), priorSecrets, List.of(), dependencies);
        } else if (!(handler instanceof ResourceUpdater)) {
            reason = ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE;
            replacePaths = changed;
        }
        if (reason == null) {
            return new ResourceChange(address, providerKey, Action.UPDATE, ActionReason.NONE, prior, s.planned(),
                    List.of(), changed, priorSecrets, s.notes(), dependencies);
        }
        Shaped fresh = shape(address, handler, null, Map.of(), config, lifecycle, range, diags);
        List<String> notes = new ArrayList<>(s.notes()); // why it is replaced: the update-shaped plan knows
        for (String n : fresh.notes()) {
            if (!notes.contains(n)) {
                notes.add(n);
            }
        }
        return new ResourceChange(address, providerKey, replaceAction, reason, prior, fresh.planned(), replacePaths,
                changed, priorSecrets, notes, dependencies);
    }
}
