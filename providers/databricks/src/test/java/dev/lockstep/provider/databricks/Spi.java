package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceImporter;
import dev.lockstep.api.provider.ResourceReader;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Diffs;
import dev.lockstep.planner.engine.Marks;
import dev.lockstep.planner.engine.Proposals;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.Library;
import dev.lockstep.planner.schema.BodyDecoder;
import dev.lockstep.state.SecretHasher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a provider through the SPI the way the engine does: decodes HCL bodies with the
 * planner's {@link BodyDecoder}, proposes with {@link Proposals}, lets the handler customise,
 * decides the action with {@link Diffs}, applies, records state redacted with {@link Marks} (so
 * secrets come back as marked nulls, as from a real state file), and refreshes through batched
 * reads.
 */
final class Spi {

    enum Action {
        CREATE, UPDATE, REPLACE, NO_OP
    }

    /** A recorded object: address, id, state as stored (redacted) and the hashes of its secrets. */
    record Instance(ResourceAddress address, String id, Value state, Map<AttributePath, String> secrets) {
        String str(String attr) {
            Value v = state.get(attr);
            return v == null || v.isNull() || !v.isKnown() ? null : v.unmark().asString();
        }
    }

    /** A plan of one object. */
    record Planned(ResourceAddress address, Action action, Value prior, Value planned, Value config,
            List<AttributePath> changed, List<AttributePath> replace, List<String> notes, Diagnostics diagnostics) {
    }

    final Provider provider;
    final SecretHasher hasher = new SecretHasher(new byte[32]);
    private final FunctionContext fctx = new FunctionContext(Path.of(".").toAbsolutePath(), Map.of(), false);

    Spi(Provider provider) {
        this.provider = provider;
    }

    ResourceHandler handler(String type) {
        ResourceHandler h = provider.resource(type);
        assertNotNull(h, type);
        return h;
    }

    /** Decodes the body of a {@code type} block (attributes and nested blocks, no braces). */
    Value config(String type, String body) {
        return decode(handler(type).schema().block(), body, Map.of());
    }

    Value config(String type, String body, Map<String, Value> vars) {
        return decode(handler(type).schema().block(), body, vars);
    }

    Value decode(BlockSchema schema, String body, Map<String, Value> vars) {
        Diagnostics d = new Diagnostics();
        Body b = Hcl.parseFile(body, "test.tf", d);
        Value v = new BodyDecoder(d).decode(b, schema, EvalContext.of(vars, Library.all(fctx), fctx), null);
        assertFalse(d.hasErrors(), () -> "config does not decode: " + d);
        return v;
    }

    /** Plans {@code config} against the refreshed {@code current} (null: create). */
    Planned plan(ResourceAddress a, Instance current, Value config) {
        ResourceHandler h = handler(a.type());
        BlockSchema block = h.schema().block();
        Value prior = current == null ? null : current.state();
        Diagnostics d = new Diagnostics();
        Shaped s = shape(h, a, prior, config, d);
        if (prior == null) {
            return new Planned(a, Action.CREATE, null, s.planned, config, List.of(), List.of(), s.notes, d);
        }
        Map<AttributePath, String> secrets = placeholders(current);
        List<AttributePath> changed = Diffs.changedPaths(prior, secrets, s.planned, hasher);
        List<AttributePath> replace = new ArrayList<>(s.replace);
        for (AttributePath p : Proposals.forceNewChanges(block, prior, s.planned)) {
            if (!replace.contains(p)) {
                replace.add(p);
            }
        }
        if (changed.isEmpty()) {
            return new Planned(a, Action.NO_OP, prior, s.planned, config, changed, List.of(), s.notes, d);
        }
        if (!replace.isEmpty() || !(h instanceof ResourceUpdater)) {
            Shaped fresh = shape(h, a, null, config, d);
            return new Planned(a, Action.REPLACE, prior, fresh.planned, config, changed, replace, fresh.notes, d);
        }
        return new Planned(a, Action.UPDATE, prior, s.planned, config, changed, replace, s.notes, d);
    }

    private record Shaped(Value planned, List<AttributePath> replace, List<String> notes) {
    }

    private Shaped shape(ResourceHandler h, ResourceAddress a, Value prior, Value config, Diagnostics d) {
        BlockSchema block = h.schema().block();
        Value proposed = prior == null ? Proposals.proposeNew(block, config) : Proposals.propose(block, prior, config);
        Value planned = proposed;
        List<AttributePath> replace = List.of();
        List<String> notes = List.of();
        if (h instanceof PlanCustomizer pc) {
            PlanCustomizer.PlanResponse r = pc.plan(new PlanCustomizer.PlanRequest(a, prior, proposed, config));
            d.addAll(r.diagnostics());
            planned = r.planned();
            replace = r.requiresReplace();
            notes = r.notes();
        }
        planned = Marks.mark(Marks.markSchema(planned, block), Marks.paths(config));
        return new Shaped(planned, replace, notes);
    }

    private static Map<AttributePath, String> placeholders(Instance current) {
        Map<AttributePath, String> out = new LinkedHashMap<>();
        current.secrets().forEach((p, h) -> {
            Value v = p.get(current.state());
            if (v != null && v.isNull() && v.isSensitive()) {
                out.put(p, h);
            }
        });
        return out;
    }

    /** Applies a plan; returns the recorded object (null after a delete). Fails the test on errors. */
    Instance apply(Planned p, Instance current) {
        ApplyResult r = tryApply(p, current);
        if (r.diagnostics().hasErrors()) {
            fail("apply of " + p.address() + " failed: " + r.diagnostics());
        }
        return r.instance();
    }

    record ApplyResult(Instance instance, Diagnostics diagnostics) {
    }

    ApplyResult tryApply(Planned p, Instance current) {
        if (p.diagnostics().hasErrors()) {
            return new ApplyResult(current, p.diagnostics());
        }
        ResourceHandler h = handler(p.address().type());
        switch (p.action()) {
            case NO_OP:
                return new ApplyResult(current, new Diagnostics());
            case UPDATE: {
                ApplyResponse r = ((ResourceUpdater) h).update(new ApplyRequest(p.address(), current.id(), p.prior(),
                        p.planned(), p.config()));
                return new ApplyResult(record(h, p.address(), r, p.planned(), current), r.diagnostics());
            }
            case REPLACE: {
                Diagnostics d = delete(current);
                if (d.hasErrors()) {
                    return new ApplyResult(current, d);
                }
                return create(h, p);
            }
            case CREATE:
                return create(h, p);
            default:
                throw new IllegalStateException();
        }
    }

    private ApplyResult create(ResourceHandler h, Planned p) {
        ApplyResponse r = ((ResourceCreator) h).create(new ApplyRequest(p.address(), null, null, p.planned(),
                p.config()));
        return new ApplyResult(record(h, p.address(), r, p.planned(), null), r.diagnostics());
    }

    private Instance record(ResourceHandler h, ResourceAddress a, ApplyResponse r, Value planned, Instance old) {
        if (r.newState() == null) {
            return old;
        }
        BlockSchema block = h.schema().block();
        Value v = Marks.mark(Marks.markSchema(r.newState(), block), Marks.paths(planned));
        Marks.Redacted red = Marks.redact(v, hasher);
        return new Instance(a, r.id(), red.value(), red.hashes());
    }

    Diagnostics delete(Instance current) {
        ResourceHandler h = handler(current.address().type());
        return ((ResourceDeleter) h).delete(new ApplyRequest(current.address(), current.id(), current.state(), null,
                null));
    }

    /** Plans and applies {@code config}; returns the recorded object. */
    Instance converge(ResourceAddress a, Instance current, Value config) {
        Planned p = plan(a, current, config);
        assertFalse(p.diagnostics().hasErrors(), () -> "plan of " + a + " failed: " + p.diagnostics());
        return apply(p, current);
    }

    /** Refreshes objects of one type in one batched read; null entries for objects that are gone. */
    List<Instance> refresh(List<Instance> objects) {
        return refreshWithDiagnostics(objects, new Diagnostics(), true);
    }

    List<Instance> refreshWithDiagnostics(List<Instance> objects, Diagnostics d, boolean failOnError) {
        ResourceHandler h = handler(objects.get(0).address().type());
        List<ResourceReader.ReadObject> reads = new ArrayList<>();
        for (Instance i : objects) {
            reads.add(new ResourceReader.ReadObject(i.address(), i.id(), i.state()));
        }
        ResourceReader.ReadResponse resp = h.read(reads);
        d.addAll(resp.diagnostics());
        if (failOnError && resp.diagnostics().hasErrors()) {
            fail("refresh failed: " + resp.diagnostics());
        }
        List<Instance> out = new ArrayList<>();
        for (Instance i : objects) {
            Instance found = null;
            for (ResourceReader.ReadResult rr : resp.results()) {
                if (rr.address().equals(i.address()) && rr.current() != null) {
                    Value v = Marks.mark(Marks.markSchema(rr.current(), h.schema().block()), i.secrets().keySet());
                    found = new Instance(i.address(), rr.id() != null ? rr.id() : i.id(), v, i.secrets());
                }
            }
            out.add(found);
        }
        return out;
    }

    Instance refresh(Instance i) {
        return refresh(List.of(i)).get(0);
    }

    /** Imports an object; the result is recorded like a refreshed object. */
    Instance importObject(ResourceAddress a, String id) {
        ResourceHandler h = handler(a.type());
        ResourceImporter.ImportResponse r = ((ResourceImporter) h).importObject(id);
        if (r.diagnostics().hasErrors()) {
            fail("import failed: " + r.diagnostics());
        }
        Value v = Marks.markSchema(r.state(), h.schema().block());
        Marks.Redacted red = Marks.redact(v, hasher);
        return new Instance(a, r.id(), red.value(), red.hashes());
    }

    DataSourceHandler.DataResponse data(String type, String body) {
        DataSourceHandler h = provider.dataSource(type);
        assertNotNull(h, type);
        return h.read(decode(h.schema().block(), body, Map.of()));
    }

    static ResourceAddress addr(String type, String name) {
        return ResourceAddress.managed(type, name);
    }
}
