package dev.lockstep.provider.kubernetes.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceReader;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Diffs;
import dev.lockstep.planner.engine.Proposals;
import dev.lockstep.state.SecretHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a provider through the SPI the way the engine does, with the engine's own proposal,
 * force-new and diff rules: plan (customizer), then create, update, or delete-then-create for a
 * replacement; refresh through the batched reader with the recorded (redacted) state as prior.
 * Recorded states are redacted as the engine stores them: every sensitive value becomes a marked
 * null. It also checks what an engine would refuse: a new state that contradicts a known planned
 * value.
 */
public final class Engine {

    /** What a plan decided. */
    public enum Action {
        NOOP, CREATE, UPDATE, REPLACE
    }

    /** One resource instance as recorded: its id and state. */
    public record Instance(String id, Value state) {
    }

    /** The plan of one instance. */
    public record Planned(Action action, PlanCustomizer.PlanResponse response) {
        public List<AttributePath> replacePaths() {
            return response.requiresReplace();
        }
    }

    private static final SecretHasher HASHER = new SecretHasher(new byte[32]);

    private final Provider provider;

    public Engine(Provider provider) {
        this.provider = provider;
    }

    public ResourceHandler handler(String type) {
        ResourceHandler h = provider.resource(type);
        assertNotNull(h, "no handler for " + type);
        return h;
    }

    public Planned plan(ResourceAddress addr, Value prior, Value config) {
        ResourceHandler h = handler(addr.type());
        PlanCustomizer pc = (PlanCustomizer) h;
        Value proposed = prior == null ? Proposals.proposeNew(h.schema().block(), config)
                : Proposals.propose(h.schema().block(), prior, config);
        PlanCustomizer.PlanResponse r = pc.plan(new PlanCustomizer.PlanRequest(addr, prior, proposed, config));
        assertFalse(r.diagnostics().hasErrors(), () -> "plan of " + addr + ": " + r.diagnostics());
        List<AttributePath> replace = new ArrayList<>(r.requiresReplace());
        if (prior != null) {
            for (AttributePath p : Proposals.forceNewChanges(h.schema().block(), prior, r.planned())) {
                if (!replace.contains(p)) {
                    replace.add(p);
                }
            }
        }
        Action a;
        if (prior == null) {
            a = Action.CREATE;
        } else if (Diffs.changedPaths(prior, Map.of(), r.planned(), HASHER).isEmpty()) {
            a = Action.NOOP;
        } else if (!replace.isEmpty()) {
            a = Action.REPLACE;
        } else {
            a = Action.UPDATE;
        }
        return new Planned(a, new PlanCustomizer.PlanResponse(r.planned(), replace, r.notes(), r.diagnostics()));
    }

    /** The changed paths the engine would show for this plan. */
    public static List<AttributePath> changes(Value prior, Value planned) {
        return Diffs.changedPaths(prior, Map.of(), planned, HASHER);
    }

    /** A state as the engine records it: every sensitive value replaced by a marked null. */
    public static Value redact(Value v) {
        if (v == null) {
            return null;
        }
        if (v.isSensitive()) {
            return Value.nullOf(v.type()).markSensitive();
        }
        if (v.isNull() || !v.isKnown() || !v.containsSensitive()) {
            return v;
        }
        if (v.isMapping()) {
            Map<String, Value> m = new java.util.LinkedHashMap<>();
            v.attributes().forEach((k, x) -> m.put(k, redact(x)));
            return v.isMap() ? Value.map(v.type().elementType(), m) : Value.object(m);
        }
        List<Value> els = new ArrayList<>();
        for (Value e : v.elements()) {
            els.add(redact(e));
        }
        return v.isList() ? Value.list(v.type().elementType(), els) : Value.tuple(els);
    }

    /** Plans and applies {@code config} over {@code prior} (null: create); returns the new instance. */
    public Instance apply(ResourceAddress addr, Instance prior, Value config) {
        Planned p = plan(addr, prior == null ? null : prior.state(), config);
        return apply(addr, prior, config, p);
    }

    public Instance apply(ResourceAddress addr, Instance prior, Value config, Planned p) {
        ResourceHandler h = handler(addr.type());
        Value planned = p.response().planned();
        switch (p.action()) {
            case NOOP:
                return prior;
            case UPDATE: {
                ApplyResponse r = ((ResourceUpdater) h).update(new ApplyRequest(addr, prior.id(), prior.state(),
                        planned, config));
                return finish(addr, planned, r);
            }
            case REPLACE:
                destroy(addr, prior);
                // fall through
            case CREATE: {
                ApplyResponse r = ((ResourceCreator) h).create(new ApplyRequest(addr, null, null, planned, config));
                return finish(addr, planned, r);
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static Instance finish(ResourceAddress addr, Value planned, ApplyResponse r) {
        assertFalse(r.diagnostics().hasErrors(), () -> "apply of " + addr + ": " + r.diagnostics());
        assertNotNull(r.newState(), "no new state for " + addr);
        assertNotNull(r.id(), "no id for " + addr);
        consistent(addr.toString(), planned, r.newState());
        return new Instance(r.id(), redact(r.newState()));
    }

    /** Every known planned value must survive the apply unchanged. */
    public static void consistent(String where, Value planned, Value actual) {
        if (planned == null || !planned.isKnown()) {
            return;
        }
        if (planned.isNull()) {
            assertEquals(planned, actual, "provider produced an inconsistent result at " + where);
            return;
        }
        if (planned.isObject() && actual != null && actual.isObject() && !actual.isNull()) {
            for (Map.Entry<String, Value> e : planned.attributes().entrySet()) {
                consistent(where + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
            }
            return;
        }
        if (planned.isList() && actual != null && actual.isList() && !actual.isNull() && actual.isKnown()
                && planned.length() == actual.length()) {
            for (int i = 0; i < planned.length(); i++) {
                consistent(where + "[" + i + "]", planned.elements().get(i), actual.elements().get(i));
            }
            return;
        }
        if (!planned.isWhollyKnown()) {
            return;
        }
        assertEquals(planned, actual, "provider produced an inconsistent result at " + where);
    }

    public Diagnostics destroy(ResourceAddress addr, Instance prior) {
        Diagnostics d = ((ResourceDeleter) handler(addr.type())).delete(new ApplyRequest(addr, prior.id(),
                prior.state(), null, null));
        assertFalse(d.hasErrors(), () -> "delete of " + addr + ": " + d);
        return d;
    }

    /** Refreshes one instance: its live state, or null when the object is gone. */
    public Value refresh(ResourceAddress addr, Instance inst) {
        ResourceReader.ReadResponse r = handler(addr.type()).read(List.of(new ResourceReader.ReadObject(addr,
                inst.id(), inst.state())));
        assertFalse(r.diagnostics().hasErrors(), () -> "read of " + addr + ": " + r.diagnostics());
        if (r.results().size() != 1) {
            fail("expected one read result, got " + r.results());
        }
        return r.results().get(0).current();
    }

    /** Refreshes many instances of one type in one call. */
    public ResourceReader.ReadResponse refreshAll(String type, Map<ResourceAddress, Instance> instances) {
        List<ResourceReader.ReadObject> objs = new ArrayList<>();
        instances.forEach((a, i) -> objs.add(new ResourceReader.ReadObject(a, i.id(), i.state())));
        return handler(type).read(objs);
    }
}
