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
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ApiException;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.schema.ManifestSchema;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Marks;
import dev.lockstep.provider.kubernetes.value.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * {@code kubernetes_manifest}: any object, given as an HCL object. The kind's plural and scope come
 * from {@link ApiCatalog}. The state's {@code manifest} holds the live values at the paths the
 * configuration sets, so drift shows on exactly those paths; {@code object} is the whole object.
 */
public final class ManifestHandler implements ResourceHandler, ResourceCreator, ResourceUpdater, ResourceDeleter,
        PlanCustomizer, ResourceImporter {

    static final BlockSchema SCHEMA = ManifestSchema.manifest();
    static final ObjectType SCHEMA_TYPE = SCHEMA.impliedType();

    private final ResourceSchema schema = new ResourceSchema("kubernetes_manifest", 0, SCHEMA, "Any object");
    private final ProviderContext ctx;
    private final ApiCatalog catalog;
    private final BatchReader reader;
    private final Writes writes;
    private final BiPredicate<String, String> importFilter;

    public ManifestHandler(ProviderContext ctx, ApiCatalog catalog, BiPredicate<String, String> importFilter) {
        this.ctx = ctx;
        this.catalog = catalog;
        this.reader = new BatchReader(ctx);
        this.writes = new Writes(ctx);
        this.importFilter = importFilter;
    }

    @Override
    public ResourceSchema schema() {
        return schema;
    }

    private Value state(Map<String, Object> live, Value shape) {
        Value st = ManifestObjects.state(live, shape, importFilter);
        return Marks.copy(shape, st);
    }

    private ResourceType resolve(ManifestObjects.Ident id, Diagnostics diags) {
        try {
            ResourceType t = catalog.resolve(id.apiVersion(), id.kind());
            if (t == null) {
                diags.error("Unknown kind", "The cluster does not serve kind " + id.kind() + " in " + id.apiVersion()
                        + " (no discovery entry and no CustomResourceDefinition). Is the CRD installed?", null);
            }
            return t;
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("discover kind " + id.kind() + " in " + id.apiVersion(), e, Scrubber.of()));
            return null;
        }
    }

    // ------------------------------------------------------------------ read

    @Override
    public ReadResponse read(List<ReadObject> objects) {
        Diagnostics diags = new Diagnostics();
        List<ReadResult> results = new ArrayList<>();
        List<BatchReader.Target> targets = new ArrayList<>();
        List<ReadObject> targetObjects = new ArrayList<>();
        for (ReadObject o : objects) {
            ManifestObjects.Ident id = o.id() != null ? ManifestObjects.parseId(o.id())
                    : ManifestObjects.ident(Values.attr(o.prior(), "manifest"));
            if (id == null) {
                diags.error("Cannot identify " + o.address(), "Neither the id nor the recorded manifest names the "
                        + "object's apiVersion, kind and name.", null);
                continue;
            }
            Diagnostics d = new Diagnostics();
            ResourceType t = resolve(id, d);
            if (t == null) {
                // A kind the cluster no longer serves has no objects: the object is gone.
                diags.warning("Object's kind is gone", o.address() + ": " + d.asList().get(0).detail(), null);
                results.add(new ReadResult(o.address(), o.id(), null));
                continue;
            }
            targets.add(new BatchReader.Target(t, t.namespaced() ? id.ns() : null, id.name(), o.address().toString()));
            targetObjects.add(o);
        }
        Map<BatchReader.Target, Map<String, Object>> live = reader.fetch(targets, diags);
        for (int i = 0; i < targets.size(); i++) {
            BatchReader.Target t = targets.get(i);
            ReadObject o = targetObjects.get(i);
            if (!live.containsKey(t)) {
                continue;
            }
            Map<String, Object> obj = live.get(t);
            if (obj == null) {
                results.add(new ReadResult(o.address(), o.id(), null));
                continue;
            }
            Value st = state(obj, o.prior());
            results.add(new ReadResult(o.address(), identOf(obj).id(t.type()), st));
        }
        return new ReadResponse(results, diags);
    }

    private static ManifestObjects.Ident identOf(Map<String, Object> live) {
        Map<String, Object> meta = Json.object(live, "metadata");
        return new ManifestObjects.Ident(Json.string(live, "apiVersion"), Json.string(live, "kind"),
                Json.string(meta, "namespace"), Json.string(meta, "name"));
    }

    // ------------------------------------------------------------------ plan

    @Override
    public PlanResponse plan(PlanRequest req) {
        Diagnostics diags = new Diagnostics();
        if (req.config() == null || req.config().isNull()) {
            return new PlanResponse(null, List.of(), List.of(), diags);
        }
        Value c = req.config().unmarkDeep();
        Value p = req.prior() == null || req.prior().isNull() ? null : req.prior().unmarkDeep();
        Value manifest = Values.attr(c, "manifest");
        List<String> notes = new ArrayList<>();
        validate(manifest, diags);
        refuseSecretNames(Values.attr(req.config(), "manifest"), diags);
        Map<String, Value> out = new LinkedHashMap<>();
        for (String local : List.of("computed_fields", "field_manager", "timeouts", "wait")) {
            out.put(local, Values.attr(c, local));
        }
        out.put("manifest", manifest);
        boolean same = p != null && Objects.equals(Values.attr(p, "manifest"), manifest);
        out.put("object", same ? Values.attr(req.prior(), "object") : Value.DYNAMIC_UNKNOWN);
        List<AttributePath> replace = new ArrayList<>();
        ManifestObjects.Ident now = ManifestObjects.ident(manifest);
        ManifestObjects.Ident before = p == null ? null : ManifestObjects.ident(Values.attr(p, "manifest"));
        if (before != null) {
            AttributePath m = AttributePath.of("manifest");
            if (now == null || !before.apiVersion().equals(now.apiVersion())) {
                replace.add(m.attr("apiVersion"));
            }
            if (now == null || !before.kind().equals(now.kind())) {
                replace.add(m.attr("kind"));
            }
            if (now == null || !before.name().equals(now.name())) {
                replace.add(m.attr("metadata").attr("name"));
            }
            if (now == null || !Objects.equals(before.namespace(), now.namespace())) {
                replace.add(m.attr("metadata").attr("namespace"));
            }
        }
        if (Values.bool(Values.first(c, "field_manager"), "force_conflicts", false)) {
            notes.add("field_manager.force_conflicts has no effect: lockstep writes with merge patches, which do not "
                    + "take field ownership.");
        }
        Value planned = Value.object(out);
        if (now != null && now.kind().equals("Secret")) {
            planned = Values.with(planned, "manifest", ManifestObjects.markData(manifest));
        }
        planned = Marks.copy(req.config(), planned);
        return new PlanResponse(planned, replace, notes, diags);
    }

    /**
     * What the schema's identifying flag does for typed resources, inside the dynamic manifest: a
     * sensitive value may not name the object ({@code marked} is the manifest with its marks).
     */
    private static void refuseSecretNames(Value marked, Diagnostics diags) {
        if (marked == null || marked.isSensitive()) {
            if (marked != null) {
                diags.error("Sensitive value in an identifying attribute", "The manifest is sensitive as a whole, "
                        + "but its metadata names the object: the name becomes part of the object's id, which plans "
                        + "and state show in clear. Mark only the values that are secret.", null);
            }
            return;
        }
        if (!marked.isKnown() || marked.isNull() || !marked.isMapping()) {
            return;
        }
        Value meta = marked.get("metadata");
        if (meta == null || meta.isNull() || !meta.isKnown() || !meta.isMapping()) {
            return;
        }
        for (String k : List.of("name", "namespace", "generateName")) {
            Value v = meta.isSensitive() ? meta : meta.get(k);
            if (v != null && !v.isNull() && v.containsSensitive()) {
                diags.error("Sensitive value in an identifying attribute", "The value of manifest.metadata." + k
                        + " is sensitive, but it names the object: it becomes part of the object's id, which plans "
                        + "and state show in clear, and anyone who can list these objects can read it. Use a value "
                        + "that is not secret. If this one is not really secret, say so with nonsensitive().", null);
                return;
            }
        }
    }

    private static void validate(Value manifest, Diagnostics diags) {
        if (manifest == null || !manifest.isKnown()) {
            return;
        }
        if (manifest.isNull() || !manifest.isMapping()) {
            diags.error("Invalid manifest", "manifest must be an object such as { apiVersion = \"v1\", kind = "
                    + "\"ConfigMap\", metadata = { name = \"x\" } }.", null);
            return;
        }
        for (String k : List.of("apiVersion", "kind", "metadata")) {
            if (manifest.get(k) == null || manifest.get(k).isNull()) {
                diags.error("Invalid manifest", "manifest has no " + k + ".", null);
            }
        }
        Value meta = manifest.get("metadata");
        if (Values.present(meta) && meta.isMapping()) {
            if (meta.get("name") == null || meta.get("name").isNull()) {
                diags.error("Invalid manifest", "manifest.metadata has no name.", null);
            }
            ManifestObjects.checkNames(manifest, meta, diags);
            for (String m : List.of("labels", "annotations")) {
                Value map = meta.get(m);
                if (Values.present(map) && map.isMapping()) {
                    for (String k : map.attributes().keySet()) {
                        if (LockstepKeys.isOwn(k)) {
                            diags.error("Reserved key", "lockstep sets \"" + k + "\" on every object it manages; "
                                    + "remove it from manifest.metadata." + m + ".", null);
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ writes

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Value v) {
        Object o = Json.fromValue(Values.attr(v, "manifest"));
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    private static String fieldManager(Value planned) {
        String n = Values.string(Values.first(planned, "field_manager"), "name");
        return n == null ? ProviderContext.FIELD_MANAGER : n;
    }

    private static Duration timeout(Value planned, String op, Duration dflt) {
        try {
            return Settings.duration(Values.string(Values.attr(planned, "timeouts"), op), dflt);
        } catch (IllegalArgumentException e) {
            return dflt;
        }
    }

    @Override
    public ApplyResponse create(ApplyRequest req) {
        Diagnostics diags = new Diagnostics();
        Value planned = req.planned();
        ManifestObjects.Ident id = ManifestObjects.ident(Values.attr(planned, "manifest"));
        if (id == null) {
            diags.error("Invalid manifest", "The manifest must name apiVersion, kind and metadata.name.", null);
            return ApplyResponse.failed(diags);
        }
        ResourceType t = resolve(id, diags);
        if (t == null) {
            return ApplyResponse.failed(diags);
        }
        String ns = t.namespaced() ? id.ns() : null;
        String address = req.address().toString();
        Scrubber redactor = Scrubber.ofSensitive(planned, req.config());
        Map<String, Object> obj;
        try {
            ctx.log().info("kubernetes: creating " + t.describe(ns, id.name()) + " (" + address + ")");
            obj = ctx.api().create(t, ns, Writes.marked(body(planned), address));
        } catch (ApiException e) {
            if (!e.isAlreadyExists()) {
                diags.add(Errors.diagnostic("create " + t.describe(ns, id.name()) + " (" + address + ")", e, redactor));
                return ApplyResponse.failed(diags);
            }
            obj = adopt(t, ns, id.name(), planned, address, redactor, diags);
            if (obj == null) {
                return ApplyResponse.failed(diags);
            }
        }
        obj = awaitIfAsked(t, ns, id.name(), planned, timeout(planned, "create", Duration.ofMinutes(10)), obj, diags);
        return new ApplyResponse(id.id(t), state(obj, planned), diags);
    }

    private Map<String, Object> adopt(ResourceType t, String ns, String name, Value planned, String address,
            Scrubber redactor, Diagnostics diags) {
        Map<String, Object> existing;
        try {
            existing = ctx.api().get(t, ns, name);
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("read " + t.describe(ns, name), e, redactor));
            return null;
        }
        if (existing == null || !address.equals(BatchReader.annotation(existing, LockstepKeys.ADDRESS))) {
            diags.error("Object already exists", t.describe(ns, name) + " exists and lockstep did not create it for "
                    + address + ". Import it with `lockstep import " + address + " \""
                    + new ManifestObjects.Ident(t.apiVersion(), t.kind(), ns, name).id(t) + "\"`.", null);
            return null;
        }
        Writes.Patched p = writes.patch(t, ns, name, body(state(existing, planned)), body(planned),
                Json.string(Json.object(existing, "metadata"), "resourceVersion"),
                live -> body(state(live, planned)), address, fieldManager(planned), redactor, diags);
        return diags.hasErrors() ? null : p.object() != null ? p.object() : existing;
    }

    /** Waits as the wait block asks; returns the object as last seen, or {@code written} when there was no wait. */
    private Map<String, Object> awaitIfAsked(ResourceType t, String ns, String name, Value planned, Duration timeout,
            Map<String, Object> written, Diagnostics diags) {
        ManifestWait.Spec spec = ManifestWait.spec(Values.first(planned, "wait"), diags);
        if (spec == null || diags.hasErrors()) {
            return written;
        }
        try {
            Map<String, Object> seen = ManifestWait.await(ctx, t, ns, name, spec, timeout, diags);
            return seen == null ? written : seen;
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("wait for " + t.describe(ns, name), e, Scrubber.of()));
            return written;
        }
    }

    @Override
    public ApplyResponse update(ApplyRequest req) {
        Diagnostics diags = new Diagnostics();
        Value prior = req.prior();
        Value planned = req.planned();
        ManifestObjects.Ident id = ManifestObjects.ident(Values.attr(prior, "manifest"));
        ResourceType t = id == null ? null : resolve(id, diags);
        if (t == null) {
            if (id == null) {
                diags.error("Cannot identify object", "The recorded manifest of " + req.address() + " does not name "
                        + "the object.", null);
            }
            return ApplyResponse.failed(diags);
        }
        String ns = t.namespaced() ? id.ns() : null;
        Scrubber redactor = Scrubber.ofSensitive(prior, planned, req.config());
        Value object = Values.attr(prior, "object");
        String rv = Values.string(Values.attr(object == null ? null : object.unmarkDeep(), "metadata"),
                "resourceVersion");
        Writes.Patched p = writes.patch(t, ns, id.name(), body(prior), body(planned), rv,
                live -> body(state(live, prior)), req.address().toString(), fieldManager(planned), redactor, diags);
        if (diags.hasErrors()) {
            return ApplyResponse.failed(diags);
        }
        Map<String, Object> obj = p.object();
        if (obj == null) {
            Value st = Values.with(planned, "object", Values.attr(prior, "object"));
            return new ApplyResponse(req.id(), st, diags);
        }
        obj = awaitIfAsked(t, ns, id.name(), planned, timeout(planned, "update", Duration.ofMinutes(10)), obj, diags);
        return new ApplyResponse(id.id(t), state(obj, planned), diags);
    }

    @Override
    public Diagnostics delete(ApplyRequest req) {
        Diagnostics diags = new Diagnostics();
        ManifestObjects.Ident id = req.id() != null ? ManifestObjects.parseId(req.id())
                : ManifestObjects.ident(Values.attr(req.prior(), "manifest"));
        if (id == null) {
            diags.error("Cannot identify object", "Neither the id nor the recorded manifest of " + req.address()
                    + " names the object.", null);
            return diags;
        }
        Diagnostics d = new Diagnostics();
        ResourceType t = resolve(id, d);
        if (t == null) {
            ctx.log().info("kubernetes: " + req.address() + ": kind " + id.kind() + " is no longer served; nothing "
                    + "to delete");
            return diags;
        }
        ctx.log().info("kubernetes: deleting " + t.describe(id.ns(), id.name()) + " (" + req.address() + ")");
        writes.delete(t, t.namespaced() ? id.ns() : null, id.name(), req.address().toString(),
                timeout(req.prior(), "delete", ctx.deleteTimeout()), diags);
        return diags;
    }

    @Override
    public ImportResponse importObject(String importId) {
        Diagnostics diags = new Diagnostics();
        ManifestObjects.Ident id = ManifestObjects.parseId(importId);
        if (id == null) {
            diags.error("Invalid import id", "Import kubernetes_manifest by \"apiVersion=v1,kind=ConfigMap,"
                    + "namespace=default,name=x\" (leave out namespace for cluster-scoped kinds); got \"" + importId
                    + "\".", null);
            return new ImportResponse(null, null, diags);
        }
        ResourceType t = resolve(id, diags);
        if (t == null) {
            return new ImportResponse(null, null, diags);
        }
        String ns = t.namespaced() ? id.ns() : null;
        Diagnostic bad = ObjectNames.checkName(t, "The name in the import id", id.name(), false, "");
        if (bad == null && ns != null) {
            bad = ObjectNames.checkNamespace("The namespace in the import id", ns, false);
        }
        if (bad != null) {
            return new ImportResponse(null, null, diags.add(bad));
        }
        Map<String, Object> live;
        try {
            live = ctx.api().get(t, ns, id.name());
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("read " + t.describe(ns, id.name()), e, Scrubber.of()));
            return new ImportResponse(null, null, diags);
        }
        if (live == null) {
            diags.error("Cannot import kubernetes_manifest", "There is no " + t.describe(ns, id.name())
                    + " in the cluster.", null);
            return new ImportResponse(null, null, diags);
        }
        return new ImportResponse(id.id(t), state(live, null), diags);
    }
}
