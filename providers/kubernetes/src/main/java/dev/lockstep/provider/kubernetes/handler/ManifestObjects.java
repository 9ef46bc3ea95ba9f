package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Ownership;
import dev.lockstep.provider.kubernetes.value.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The values of {@code kubernetes_manifest}: identifying an object from its manifest or import id,
 * and building the state (the manifest refreshed at the paths it sets, the full object, secret
 * data marked sensitive).
 */
final class ManifestObjects {

    /** apiVersion, kind, namespace (maybe null) and name of one object. */
    record Ident(String apiVersion, String kind, String namespace, String name) {

        String id(ResourceType t) {
            return "apiVersion=" + apiVersion + ",kind=" + kind + (t != null && t.namespaced() ? ",namespace="
                    + ns() : "") + ",name=" + name;
        }

        String ns() {
            return namespace == null ? "default" : namespace;
        }
    }

    private static final List<String> SERVER_FIELDS = List.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private ManifestObjects() {
    }

    /** The identity a manifest names, or null when apiVersion, kind or name is not known yet. */
    static Ident ident(Value manifest) {
        if (!Values.present(manifest) || !manifest.isMapping()) {
            return null;
        }
        Value m = manifest.unmarkDeep();
        Value meta = Values.attr(m, "metadata");
        String api = str(Values.attr(m, "apiVersion"));
        String kind = str(Values.attr(m, "kind"));
        String name = str(Values.attr(meta, "name"));
        if (api == null || kind == null || name == null) {
            return null;
        }
        return new Ident(api, kind, str(Values.attr(meta, "namespace")), name);
    }

    private static String str(Value v) {
        return Values.present(v) && v.type() == Type.STRING ? v.asString() : null;
    }

    /** A known name or namespace the API server would refuse, or that would not fit in a request URL. */
    static void checkNames(Value manifest, Value meta, Diagnostics diags) {
        Value api = manifest.get("apiVersion");
        Value kind = manifest.get("kind");
        Value name = meta.get("name");
        if (Values.present(api) && api.isKnown() && Values.present(kind) && kind.isKnown() && Values.present(name)
                && name.isKnown() && name.type() == Type.STRING) {
            ResourceType t = new ResourceType(api.asString(), kind.asString(), "", false);
            Diagnostic bad = ObjectNames.checkName(t, "manifest.metadata.name", name.asString(), false, "");
            if (bad != null) {
                diags.add(bad);
            }
        }
        Value ns = meta.get("namespace");
        if (Values.present(ns) && ns.isKnown() && ns.type() == Type.STRING) {
            Diagnostic bad = ObjectNames.checkNamespace("manifest.metadata.namespace", ns.asString(), false);
            if (bad != null) {
                diags.add(bad);
            }
        }
    }

    /** Parses {@code apiVersion=v1,kind=Secret,namespace=default,name=x}; null when malformed. */
    static Ident parseId(String id) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String p : id.split(",")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        if (!parts.containsKey("apiVersion") || !parts.containsKey("kind") || !parts.containsKey("name")) {
            return null;
        }
        return new Ident(parts.get("apiVersion"), parts.get("kind"), parts.get("namespace"), parts.get("name"));
    }

    /** The live object without fields no one writes (managed fields). */
    static Map<String, Object> clean(Map<String, Object> live) {
        Map<String, Object> out = Json.copy(live);
        Map<String, Object> meta = Json.object(out, "metadata");
        if (meta != null) {
            meta.remove("managedFields");
        }
        return out;
    }

    /** The manifest of an imported object: what a user would have written (no status, no server fields). */
    static Value importView(Map<String, Object> live, BiPredicate<String, String> keep) {
        Map<String, Object> out = clean(live);
        out.remove("status");
        Map<String, Object> meta = Json.object(out, "metadata");
        if (meta != null) {
            SERVER_FIELDS.forEach(meta::remove);
            for (String m : List.of("labels", "annotations")) {
                Map<String, Object> map = Json.object(meta, m);
                if (map != null) {
                    map.keySet().removeIf(k -> !keep.test("metadata." + m, k));
                    if (map.isEmpty()) {
                        meta.remove(m);
                    }
                }
            }
        }
        return Json.toValue(out);
    }

    /**
     * The state of a live object: {@code manifest} is the live object at the paths the shape's
     * manifest sets (whole object on import), except {@code computed_fields} paths, which keep
     * the recorded value; {@code object} is the whole object.
     */
    static Value state(Map<String, Object> live, Value shape, BiPredicate<String, String> keep) {
        Map<String, Object> clean = clean(live);
        Value shapeManifest = shape == null ? null : Values.attr(shape, "manifest");
        Value manifest;
        if (shapeManifest == null || shapeManifest.isNull()) {
            manifest = importView(live, keep);
        } else {
            Value s = dev.lockstep.provider.kubernetes.value.Marks.placeholdersAsUnknown(shapeManifest).unmarkDeep();
            manifest = Ownership.dynamic(Json.toValue(withoutOwnKeys(clean)), s);
            for (Value p : Values.elements(shape == null ? null : shape.unmarkDeep(), "computed_fields")) {
                if (Values.present(p)) {
                    manifest = replaceAt(manifest, s, p.asString());
                }
            }
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (String local : List.of("computed_fields", "field_manager", "timeouts", "wait")) {
            Value v = shape == null ? null : Values.attr(shape, local);
            out.put(local, v == null ? nullOf(local) : v);
        }
        boolean secret = "Secret".equals(Json.string(live, "kind"));
        out.put("manifest", secret ? markData(manifest) : manifest);
        out.put("object", secret ? markData(Json.toValue(clean)) : Json.toValue(clean));
        return Value.object(out);
    }

    private static Map<String, Object> withoutOwnKeys(Map<String, Object> obj) {
        Map<String, Object> meta = Json.object(obj, "metadata");
        if (meta != null) {
            for (String m : List.of("labels", "annotations")) {
                Map<String, Object> map = Json.object(meta, m);
                if (map != null) {
                    map.keySet().removeIf(LockstepKeys::isOwn);
                }
            }
        }
        return obj;
    }

    /** The value of a lockstep-only attribute or block that the configuration leaves out. */
    static Value nullOf(String local) {
        dev.lockstep.api.schema.NestedBlockSchema nb = ManifestHandler.SCHEMA.blocks().get(local);
        if (nb != null) {
            return dev.lockstep.provider.kubernetes.value.JsonCodec.blockValue(nb, nb.block().impliedType(),
                    List.of());
        }
        return Value.nullOf(ManifestHandler.SCHEMA_TYPE.attribute(local));
    }

    /** {@code manifest} with the value at {@code path} taken from {@code recorded}. */
    private static Value replaceAt(Value manifest, Value recorded, String path) {
        AttributePath p;
        try {
            p = AttributePath.parse(path);
        } catch (IllegalArgumentException e) {
            return manifest;
        }
        Value want = p.get(recorded);
        return want == null || !want.isWhollyKnown() ? manifest : set(manifest, p.steps(), 0, want);
    }

    private static Value set(Value v, List<AttributePath.Step> steps, int i, Value want) {
        if (i == steps.size()) {
            return want;
        }
        if (!Values.present(v)) {
            return v;
        }
        AttributePath.Step s = steps.get(i);
        String key = s instanceof AttributePath.Attr a ? a.name() : s instanceof AttributePath.Key k ? k.key() : null;
        if (key != null && v.isMapping() && v.get(key) != null) {
            Map<String, Value> m = new LinkedHashMap<>(v.attributes());
            m.put(key, set(v.get(key), steps, i + 1, want));
            return Value.object(m);
        }
        if (s instanceof AttributePath.Index idx && v.isSequence() && idx.index() < v.length()) {
            List<Value> l = new java.util.ArrayList<>(v.elements());
            l.set(idx.index(), set(l.get(idx.index()), steps, i + 1, want));
            return Value.tuple(l);
        }
        return v;
    }

    /** A Secret's {@code data} and {@code stringData} marked sensitive. */
    static Value markData(Value obj) {
        if (!Values.present(obj) || !obj.isMapping()) {
            return obj;
        }
        Map<String, Value> m = new LinkedHashMap<>(obj.attributes());
        for (String k : List.of("data", "stringData")) {
            Value v = m.get(k);
            if (v != null && !v.isNull()) {
                m.put(k, v.markSensitive());
            }
        }
        return Value.object(m);
    }
}
