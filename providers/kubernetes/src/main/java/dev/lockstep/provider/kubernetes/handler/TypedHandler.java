package dev.lockstep.provider.kubernetes.handler;

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
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ApiException;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.provider.kubernetes.kind.Kind;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Marks;
import dev.lockstep.provider.kubernetes.value.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Manages the objects of one typed kind (role, secret, network policy...): batched refresh,
 * planning, create, merge-patch update, delete and import. State values follow the kind's
 * Terraform-style schema and hold only the fields lockstep owns (ADR 0003).
 */
public final class TypedHandler implements ResourceHandler, ResourceCreator, ResourceUpdater, ResourceDeleter,
        PlanCustomizer, ResourceImporter {

    private final Kind kind;
    private final ResourceSchema schema;
    private final ProviderContext ctx;
    private final BatchReader reader;
    private final Writes writes;
    private final TypedPlanner planner;

    public TypedHandler(String typeName, Kind kind, ProviderContext ctx) {
        this.kind = kind;
        this.schema = new ResourceSchema(typeName, 0, kind.schema(), kind.api().kind());
        this.ctx = ctx;
        this.reader = new BatchReader(ctx);
        this.writes = new Writes(ctx);
        this.planner = new TypedPlanner(kind);
    }

    @Override
    public ResourceSchema schema() {
        return schema;
    }

    private ResourceType type() {
        return kind.api();
    }

    // ------------------------------------------------------------------ state

    /** The state of a live object: decoded, projected onto {@code shape} (null: own everything), marked. */
    Value state(Map<String, Object> live, Value shape) {
        Value full = kind.hooks().decode(kind, live, shape == null ? null : shape.unmarkDeep());
        Value projected = kind.ownership().project(kind.schema(), full, shape);
        Map<String, Object> meta = Json.object(live, "metadata");
        projected = Values.with(projected, "id", Value.string(kind.id(Json.string(meta, "namespace"),
                Json.string(meta, "name"))));
        return Marks.copy(shape, Marks.apply(kind.schema(), projected));
    }

    private String namespace(Value v) {
        if (!type().namespaced()) {
            return null;
        }
        String ns = Values.string(Values.first(v, "metadata"), "namespace");
        return ns == null ? "default" : ns;
    }

    private static String name(Value v) {
        return Values.string(Values.first(v, "metadata"), "name");
    }

    // ------------------------------------------------------------------ read

    @Override
    public ReadResponse read(List<ReadObject> objects) {
        Diagnostics diags = new Diagnostics();
        List<BatchReader.Target> targets = new ArrayList<>();
        for (ReadObject o : objects) {
            String ns = namespace(o.prior());
            String name = name(o.prior());
            if (o.id() != null) {
                String[] parts = splitId(o.id());
                ns = parts[0];
                name = parts[1];
            }
            targets.add(new BatchReader.Target(type(), ns, name, o.address().toString()));
        }
        Map<BatchReader.Target, Map<String, Object>> live = reader.fetch(targets, diags);
        List<ReadResult> results = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            ReadObject o = objects.get(i);
            BatchReader.Target t = targets.get(i);
            if (!live.containsKey(t)) {
                continue;
            }
            Map<String, Object> obj = live.get(t);
            if (obj == null) {
                results.add(new ReadResult(o.address(), o.id(), null));
                continue;
            }
            Value st = state(obj, o.prior());
            results.add(new ReadResult(o.address(), Values.string(st, "id"), st));
        }
        return new ReadResponse(results, diags);
    }

    private String[] splitId(String id) {
        if (!type().namespaced()) {
            return new String[] {null, id};
        }
        int slash = id.indexOf('/');
        return slash < 0 ? new String[] {"default", id} : new String[] {id.substring(0, slash), id.substring(slash + 1)};
    }

    // ------------------------------------------------------------------ plan

    @Override
    public PlanResponse plan(PlanRequest request) {
        return planner.plan(request);
    }

    // ------------------------------------------------------------------ create

    @Override
    public ApplyResponse create(ApplyRequest req) {
        Diagnostics diags = new Diagnostics();
        Value planned = req.planned();
        String address = req.address().toString();
        String ns = namespace(planned);
        Map<String, Object> body = Writes.marked(kind.hooks().encode(kind, planned), address);
        body.put("apiVersion", type().apiVersion());
        body.put("kind", type().kind());
        Scrubber redactor = Scrubber.ofSensitive(planned, req.config());
        String what = type().describe(ns, name(planned) == null ? Values.string(Values.first(planned, "metadata"),
                "generate_name") + "*" : name(planned));
        Map<String, Object> created;
        try {
            ctx.log().info("kubernetes: creating " + what + " (" + address + ")");
            created = ctx.api().create(type(), ns, body);
        } catch (ApiException e) {
            if (!e.isAlreadyExists() || name(planned) == null) {
                diags.add(Errors.diagnostic("create " + what + " (" + address + ")", e, redactor));
                return ApplyResponse.failed(diags);
            }
            created = adopt(req, ns, redactor, diags);
            if (created == null) {
                return ApplyResponse.failed(diags);
            }
        }
        try {
            kind.hooks().afterCreate(ctx.waits(), kind, planned, created, diags);
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("wait for " + what, e, redactor));
        }
        Value st = state(created, planned);
        return new ApplyResponse(Values.string(st, "id"), st, diags);
    }

    /**
     * A create found the name taken. When the object carries this address, an earlier create of
     * this very instance got through (a retried POST, an interrupted apply): bring it to the plan.
     */
    private Map<String, Object> adopt(ApplyRequest req, String ns, Scrubber redactor, Diagnostics diags) {
        String name = name(req.planned());
        String address = req.address().toString();
        Map<String, Object> existing;
        try {
            existing = ctx.api().get(type(), ns, name);
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("read " + type().describe(ns, name), e, redactor));
            return null;
        }
        if (existing == null || !address.equals(BatchReader.annotation(existing, LockstepKeys.ADDRESS))) {
            diags.error("Object already exists", type().describe(ns, name) + " exists and lockstep did not create it "
                    + "for " + address + ". Bring it under management with `lockstep import " + address + " "
                    + kind.id(ns, name) + "`, or choose another name.", null);
            return null;
        }
        ctx.log().info("kubernetes: " + type().describe(ns, name) + " already exists with this address; adopting it");
        Value current = state(existing, req.planned());
        Writes.Patched p = writes.patch(type(), ns, name, kind.hooks().encode(kind, current),
                kind.hooks().encode(kind, req.planned()), rv(existing), live -> kind.hooks().encode(kind,
                        state(live, req.planned())), address, ProviderContext.FIELD_MANAGER, redactor, diags);
        if (diags.hasErrors()) {
            return null;
        }
        return p.object() != null ? p.object() : existing;
    }

    private static String rv(Map<String, Object> live) {
        return Json.string(Json.object(live, "metadata"), "resourceVersion");
    }

    // ------------------------------------------------------------------ update

    @Override
    public ApplyResponse update(ApplyRequest req) {
        Diagnostics diags = new Diagnostics();
        Value prior = req.prior();
        Value planned = req.planned();
        String ns = namespace(prior);
        String name = name(prior);
        Scrubber redactor = Scrubber.ofSensitive(prior, planned, req.config());
        String priorRv = Values.string(Values.first(prior, "metadata"), "resource_version");
        Writes.Patched p = writes.patch(type(), ns, name, kind.hooks().encode(kind, prior),
                kind.hooks().encode(kind, planned), priorRv, live -> kind.hooks().encode(kind, state(live, prior)),
                req.address().toString(), ProviderContext.FIELD_MANAGER, redactor, diags);
        if (diags.hasErrors()) {
            return ApplyResponse.failed(diags);
        }
        if (p.object() == null) {
            // Only lockstep-local settings changed: nothing to send.
            Value st = planned;
            Value pm = Values.first(prior, "metadata");
            st = Values.withFirst(st, "metadata", m -> {
                Value out = m;
                for (String f : List.of("resource_version", "generation", "uid")) {
                    Value was = Values.attr(pm, f);
                    if (was != null) {
                        out = Values.with(out, f, was);
                    }
                }
                return out;
            });
            return new ApplyResponse(req.id(), st, diags);
        }
        Value st = state(p.object(), planned);
        return new ApplyResponse(Values.string(st, "id"), st, diags);
    }

    // ------------------------------------------------------------------ delete

    @Override
    public Diagnostics delete(ApplyRequest req) {
        Diagnostics diags = new Diagnostics();
        Value prior = req.prior();
        String ns = namespace(prior);
        String name = name(prior);
        if (req.id() != null) {
            String[] parts = splitId(req.id());
            ns = parts[0];
            name = parts[1];
        }
        Duration timeout;
        try {
            timeout = Settings.duration(Values.string(Values.attr(prior, "timeouts"), "delete"), ctx.deleteTimeout());
        } catch (IllegalArgumentException e) {
            timeout = ctx.deleteTimeout();
        }
        ctx.log().info("kubernetes: deleting " + type().describe(ns, name) + " (" + req.address() + ")");
        writes.delete(type(), ns, name, req.address().toString(), timeout, diags);
        return diags;
    }

    // ------------------------------------------------------------------ import

    @Override
    public ImportResponse importObject(String id) {
        Diagnostics diags = new Diagnostics();
        if (type().namespaced() && id.indexOf('/') < 0 || id.isBlank()) {
            diags.error("Invalid import id", "Import " + schema.type() + " by "
                    + (type().namespaced() ? "namespace/name, such as default/reader" : "name") + "; got \"" + id
                    + "\".", null);
            return new ImportResponse(null, null, diags);
        }
        String[] parts = splitId(id);
        Diagnostic bad = ObjectNames.checkName(type(), "The name in the import id", parts[1], false, "");
        if (bad == null && parts[0] != null) {
            bad = ObjectNames.checkNamespace("The namespace in the import id", parts[0], false);
        }
        if (bad != null) {
            return new ImportResponse(null, null, diags.add(bad));
        }
        Map<String, Object> live;
        try {
            live = ctx.api().get(type(), parts[0], parts[1]);
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("read " + type().describe(parts[0], parts[1]), e, Scrubber.of()));
            return new ImportResponse(null, null, diags);
        }
        if (live == null) {
            diags.error("Cannot import " + schema.type(), "There is no " + type().describe(parts[0], parts[1])
                    + " in the cluster.", null);
            return new ImportResponse(null, null, diags);
        }
        String claimed = BatchReader.annotation(live, LockstepKeys.ADDRESS);
        if (claimed != null) {
            diags.warning("Object already managed", type().describe(parts[0], parts[1]) + " is labelled as managed "
                    + "by lockstep as " + claimed + ".", null);
        }
        Value st = state(live, null);
        return new ImportResponse(Values.string(st, "id"), st, diags);
    }
}
