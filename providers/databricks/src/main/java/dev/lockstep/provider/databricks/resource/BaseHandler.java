package dev.lockstep.provider.databricks.resource;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceImporter;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared skeleton of a resource type: batched reads (with adoption of interrupted creates),
 * plan shaping, and create/delete/import with every failure turned into a scrubbed diagnostic.
 * Subclasses supply the API calls; types with in-place updates also implement
 * {@link dev.lockstep.api.provider.ResourceUpdater} via {@link #guardedUpdate}.
 */
public abstract class BaseHandler implements ResourceHandler, PlanCustomizer, ResourceCreator, ResourceDeleter,
        ResourceImporter {

    protected final ProviderContext ctx;
    protected final DatabricksClient c;
    private final ResourceSchema schema;

    protected BaseHandler(ProviderContext ctx, ResourceSchema schema) {
        this.ctx = ctx;
        this.c = ctx.client();
        this.schema = schema;
    }

    @Override
    public ResourceSchema schema() {
        return schema;
    }

    protected BlockSchema block() {
        return schema.block();
    }

    /** A found object: its id and state. */
    protected record Found(String id, Value state) {
    }

    // ------------------------------------------------------------------ read

    @Override
    public ReadResponse read(List<ReadObject> objects) {
        Diagnostics d = new Diagnostics();
        List<ReadResult> out = new ArrayList<>();
        List<ReadObject> known = new ArrayList<>();
        for (ReadObject o : objects) {
            if (o.id() != null) {
                known.add(o);
                continue;
            }
            try {
                Found f = adopt(o);
                out.add(f == null ? new ReadResult(o.address(), null, null)
                        : new ReadResult(o.address(), f.id(), finish(f.state(), o.prior())));
                if (f != null) {
                    ctx.log().info("databricks: adopted " + o.address() + " (" + f.id() + ") left by an interrupted create");
                }
            } catch (RuntimeException e) {
                d.add(Errors.readDiagnostic("Failed to look up " + o.address(), "Looking for an object an interrupted "
                        + "create may have left", e, c.scrubber()));
            }
        }
        if (!known.isEmpty()) {
            Map<ReadObject, Value> found;
            try {
                found = readBatch(known, d);
            } catch (RuntimeException e) {
                d.add(Errors.readDiagnostic("Failed to read " + schema.type() + " objects", "Reading " + known.size()
                        + " objects", e, c.scrubber()));
                return new ReadResponse(out, d);
            }
            for (ReadObject o : known) {
                if (found.containsKey(o)) {
                    Value v = found.get(o);
                    out.add(new ReadResult(o.address(), o.id(), v == null ? null : finish(v, o.prior())));
                }
            }
        }
        return new ReadResponse(out, d);
    }

    /**
     * Reads the objects; the map holds an entry (null when gone) for every object read
     * successfully; failures go to {@code d}. The default reads each object in parallel.
     */
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (ProviderContext.Outcome<ReadObject, Value> r : ctx.parallel(objects, o -> readOne(o.id(), o.prior()))) {
            if (r.error() == null) {
                out.put(r.input(), r.result());
            } else if (Errors.isNotFound(r.error())) {
                out.put(r.input(), null);
            } else {
                d.add(Errors.readDiagnostic("Failed to read " + r.input().address(), "Reading " + r.input().id(),
                        r.error(), c.scrubber()));
            }
        }
        return out;
    }

    /** The live state of one object, or null when it does not exist. {@code prior} may be null (import). */
    protected abstract Value readOne(String id, Value prior);

    /**
     * Finds the object an interrupted create may have left, by its natural key or lockstep tag in
     * {@code o.prior()} (the planned value recorded before the create). Null when there is none.
     */
    protected Found adopt(ReadObject o) {
        return null;
    }

    /** Attributes the API does not return; reads keep their recorded values. */
    protected List<String> localAttributes() {
        return List.of();
    }

    /** A read result in its final shape: local attributes from the prior state, normalised. */
    protected Value finish(Value live, Value prior) {
        Value v = live;
        for (String a : localAttributes()) {
            Value p = prior == null || prior.isNull() || !prior.isKnown() ? null : prior.get(a);
            if (p != null && p.isKnown()) {
                v = Values.with(v, a, p);
            }
        }
        return Values.normalize(v, block());
    }

    // ------------------------------------------------------------------ plan

    @Override
    public PlanResponse plan(PlanRequest request) {
        Planning p = new Planning(request, block());
        customize(p);
        return p.response();
    }

    /** Shapes the plan: computed values, notes, replacements, validation. */
    protected void customize(Planning p) {
    }

    // ------------------------------------------------------------------ apply

    /** A scrubber for one request: the provider's credentials plus every sensitive value in it. */
    protected Scrubber scrubber(ApplyRequest r) {
        return c.scrubber().withSensitive(r.planned(), r.config(), r.prior());
    }

    @Override
    public ApplyResponse create(ApplyRequest r) {
        try {
            return doCreate(r);
        } catch (RuntimeException e) {
            return ApplyResponse.failed(Diagnostics.of(Errors.diagnostic("Failed to create " + r.address(),
                    "Creating " + schema.type(), e, scrubber(r))));
        }
    }

    protected abstract ApplyResponse doCreate(ApplyRequest r);

    /** Runs an update, turning failures into diagnostics (the prior state stays recorded). */
    protected ApplyResponse guardedUpdate(ApplyRequest r, java.util.function.Supplier<ApplyResponse> update) {
        try {
            return update.get();
        } catch (RuntimeException e) {
            return ApplyResponse.failed(Diagnostics.of(Errors.diagnostic("Failed to update " + r.address(),
                    "Updating " + r.id(), e, scrubber(r))));
        }
    }

    /**
     * A create whose object exists but whose follow-up failed: the engine records the object
     * (tainted) so that it is neither lost nor created twice.
     */
    protected ApplyResponse createdButFailed(ApplyRequest r, String id, Value state, RuntimeException e) {
        Diagnostics d = Diagnostics.of(Errors.diagnostic("Failed to finish creating " + r.address(), "The object "
                + id + " was created, but", e, scrubber(r)));
        return new ApplyResponse(id, state, d);
    }

    @Override
    public Diagnostics delete(ApplyRequest r) {
        if (r.id() == null) {
            return new Diagnostics();
        }
        try {
            doDelete(r);
            return new Diagnostics();
        } catch (RuntimeException e) {
            if (Errors.isNotFound(e)) {
                return new Diagnostics();
            }
            return Diagnostics.of(Errors.diagnostic("Failed to delete " + r.address(), "Deleting " + r.id(), e,
                    scrubber(r)));
        }
    }

    protected abstract void doDelete(ApplyRequest r);

    // ------------------------------------------------------------------ import

    @Override
    public ImportResponse importObject(String id) {
        try {
            String canonical = canonicalId(id);
            Value v = readOne(canonical, null);
            if (v == null) {
                return new ImportResponse(null, null, Diagnostics.of(Diagnostic.error("Cannot import non-existent "
                        + "remote object", "No " + schema.type() + " with id \"" + id + "\" exists.", null)));
            }
            return new ImportResponse(canonical, finish(v, null), new Diagnostics());
        } catch (RuntimeException e) {
            if (Errors.isNotFound(e)) {
                return new ImportResponse(null, null, Diagnostics.of(Diagnostic.error("Cannot import non-existent "
                        + "remote object", "No " + schema.type() + " with id \"" + id + "\" exists.", null)));
            }
            return new ImportResponse(null, null, Diagnostics.of(Errors.readDiagnostic("Failed to import " + id,
                    "Reading " + schema.type() + " " + id, e, c.scrubber())));
        }
    }

    /** The id under which an imported object is recorded (the default: as given). */
    protected String canonicalId(String id) {
        return id;
    }
}
