package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM PatchOp (RFC 7644 §3.5.2) applied to a JSON resource: {@code add}, {@code remove} and
 * {@code replace} (case-insensitive), with or without a path, paths such as {@code displayName},
 * {@code name.givenName}, {@code members} and {@code members[value eq "123"]}. Multi-valued
 * attributes are merged by {@code value} on add.
 */
final class ScimPatch {
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final Set<String> IMMUTABLE = Set.of("id", "schemas", "meta");
    private static final Pattern FILTERED = Pattern.compile("^([A-Za-z$]+)\\[(.+)]$");

    private ScimPatch() {}

    /** Applies every operation of a PatchOp body to {@code resource}, in order. */
    static void apply(ObjectNode resource, JsonNode body) {
        JsonNode ops = ScimFilter.field(body, "Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw DatabricksErrors.scim(400, "Missing Operations in PatchOp request", "invalidSyntax");
        }
        for (JsonNode op : ops) {
            String kind = op.path("op").asText("").toLowerCase(Locale.ROOT);
            String path = op.hasNonNull("path") ? op.get("path").asText() : null;
            JsonNode value = op.get("value");
            switch (kind) {
                case "add", "replace" -> {
                    if (path == null) {
                        if (value == null || !value.isObject()) {
                            throw DatabricksErrors.scim(400, "A patch operation without path needs an object value", "invalidValue");
                        }
                        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            set(resource, e.getKey(), e.getValue(), kind.equals("add"));
                        }
                    } else {
                        if (value == null) {
                            throw DatabricksErrors.scim(400, "Operation " + kind + " on " + path + " requires a value", "invalidValue");
                        }
                        setPath(resource, path, value, kind.equals("add"));
                    }
                }
                case "remove" -> {
                    if (path == null) {
                        throw DatabricksErrors.scim(400, "Remove operation requires a path", "noTarget");
                    }
                    remove(resource, path, value);
                }
                default -> throw DatabricksErrors.scim(400, "Unsupported patch operation: " + op.path("op").asText(), "invalidSyntax");
            }
        }
    }

    private static String canonical(ObjectNode resource, String name) {
        for (Iterator<String> it = resource.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return name;
    }

    private static void checkMutable(String attr) {
        if (IMMUTABLE.contains(attr.toLowerCase(Locale.ROOT))) {
            throw DatabricksErrors.scim(400, "Attribute " + attr + " is immutable", "mutability");
        }
    }

    private static void set(ObjectNode resource, String attr, JsonNode value, boolean add) {
        checkMutable(attr);
        String name = canonical(resource, attr);
        JsonNode current = resource.get(name);
        if (add && value.isArray() && current != null && current.isArray()) {
            ArrayNode arr = (ArrayNode) current;
            for (JsonNode v : value) {
                if (!containsValue(arr, v)) {
                    arr.add(v.deepCopy());
                }
            }
        } else if (value.isObject() && current != null && current.isObject() && add) {
            ((ObjectNode) current).setAll((ObjectNode) value.deepCopy());
        } else {
            resource.set(name, value.deepCopy());
        }
    }

    private static boolean containsValue(ArrayNode arr, JsonNode v) {
        String key = v.path("value").asText(null);
        for (JsonNode e : arr) {
            if (key != null ? key.equals(e.path("value").asText(null)) : e.equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static void setPath(ObjectNode resource, String path, JsonNode value, boolean add) {
        Matcher m = FILTERED.matcher(path);
        if (m.matches()) {
            String attr = canonical(resource, m.group(1));
            Predicate<JsonNode> filter = filter(m.group(2));
            JsonNode arr = resource.get(attr);
            if (arr == null || !arr.isArray()) {
                throw DatabricksErrors.scim(400, "No values match " + path, "noTarget");
            }
            boolean matched = false;
            for (JsonNode e : arr) {
                if (filter.test(e) && e.isObject() && value.isObject()) {
                    ((ObjectNode) e).setAll((ObjectNode) value.deepCopy());
                    matched = true;
                }
            }
            if (!matched) {
                throw DatabricksErrors.scim(400, "No values match " + path, "noTarget");
            }
            return;
        }
        int dot = path.indexOf('.');
        if (dot > 0 && !path.startsWith("urn:")) {
            String attr = canonical(resource, path.substring(0, dot));
            checkMutable(attr);
            resource.with(attr).set(path.substring(dot + 1), value.deepCopy());
            return;
        }
        JsonNode v = value;
        JsonNode current = resource.get(canonical(resource, path));
        if (add && current != null && current.isArray() && !value.isArray()) {
            v = Json.array().add(value.deepCopy());
        }
        set(resource, path, v, add);
    }

    private static void remove(ObjectNode resource, String path, JsonNode value) {
        Matcher m = FILTERED.matcher(path);
        if (m.matches()) {
            String attr = canonical(resource, m.group(1));
            checkMutable(attr);
            Predicate<JsonNode> filter = filter(m.group(2));
            JsonNode arr = resource.get(attr);
            if (arr != null && arr.isArray()) {
                for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
                    if (filter.test(it.next())) {
                        it.remove();
                    }
                }
            }
            return;
        }
        int dot = path.indexOf('.');
        if (dot > 0) {
            JsonNode parent = resource.get(canonical(resource, path.substring(0, dot)));
            if (parent != null && parent.isObject()) {
                ((ObjectNode) parent).remove(path.substring(dot + 1));
            }
            return;
        }
        String attr = canonical(resource, path);
        checkMutable(attr);
        JsonNode current = resource.get(attr);
        if (value != null && value.isArray() && current != null && current.isArray()) {
            for (JsonNode v : value) {
                String key = v.path("value").asText(null);
                for (Iterator<JsonNode> it = current.elements(); it.hasNext(); ) {
                    if (key != null && key.equals(it.next().path("value").asText(null))) {
                        it.remove();
                    }
                }
            }
        } else {
            resource.remove(attr);
        }
    }

    private static Predicate<JsonNode> filter(String text) {
        try {
            return ScimFilter.parse(text);
        } catch (IllegalArgumentException e) {
            throw DatabricksErrors.scim(400, "Invalid path filter '" + text + "': " + e.getMessage(), "invalidPath");
        }
    }
}
