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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a provider through the SPI the way the engine does: plan (customizer), then create,
 * update, or delete-then-create for a replacement; refresh through the batched reader. It also
 * checks what an engine would refuse: a new state that contradicts a known planned value.
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
        PlanCustomizer pc = (PlanCustomizer) handler(addr.type());
        PlanCustomizer.PlanResponse r = pc.plan(new PlanCustomizer.PlanRequest(addr, prior, config, config));
        assertFalse(r.diagnostics().hasErrors(), () -> "plan of " + addr + ": " + r.diagnostics());
        Action a;
        if (prior == null) {
            a = Action.CREATE;
        } else if (!r.requiresReplace().isEmpty()) {
            a = Action.REPLACE;
        } else if (r.planned().equals(prior)) {
            a = Action.NOOP;
        } else {
            a = Action.UPDATE;
        }
        return new Planned(a, r);
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
        return new Instance(r.id(), r.newState());
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
