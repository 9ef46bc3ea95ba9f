package dev.lockstep.sandbox.databricks;

import static dev.lockstep.sandbox.databricks.DatabricksErrors.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Cluster policy definitions applied to a cluster spec: {@code fixed}, {@code forbidden},
 * {@code allowlist}, {@code blocklist}, {@code regex}, {@code range} and {@code unlimited} rules on
 * attribute paths such as {@code spark_version}, {@code custom_tags.team} or
 * {@code spark_conf.spark.databricks.cluster.profile}, plus the virtual {@code cluster_type}.
 */
final class PolicyRules {
    private static final Map<String, Boolean> TYPES = Map.of(
            "fixed", true, "forbidden", true, "allowlist", true, "blocklist", true, "regex", true, "range", true, "unlimited", true);

    private PolicyRules() {}

    /** Parses and checks a policy definition string; returns it as an object. */
    static ObjectNode parseDefinition(String definition) {
        JsonNode def;
        try {
            def = Json.parse(definition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw invalid("Invalid policy definition: not valid JSON");
        }
        if (!def.isObject()) {
            throw invalid("Invalid policy definition: must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = def.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = e.getValue().path("type").asText("");
            if (!TYPES.containsKey(type)) {
                throw invalid("Invalid policy definition: attribute " + e.getKey() + " has unknown type '" + type + "'");
            }
            if (type.equals("regex")) {
                try {
                    Pattern.compile(e.getValue().path("pattern").asText());
                } catch (PatternSyntaxException ex) {
                    throw invalid("Invalid policy definition: attribute " + e.getKey() + " has an invalid pattern");
                }
            }
        }
        return (ObjectNode) def;
    }

    /** Checks the caller may use the policy and applies its rules to the spec in place. */
    static void enforce(Ctx ctx, String policyId, ObjectNode spec, boolean applyDefaults, Caller caller) {
        DatabricksState.Policy p = ctx.state.policies.get(policyId);
        if (p == null) {
            throw invalid("Cluster policy " + policyId + " does not exist");
        }
        if (!ctx.acls.can(AclType.CLUSTER_POLICIES, AclType.CLUSTER_POLICIES.objectId(policyId), caller, "CAN_USE")) {
            throw Ctx.denied("User " + caller.name() + " does not have permission to use cluster policy " + policyId);
        }
        ObjectNode def = parseDefinition(p.body.path("definition").asText("{}"));
        for (Iterator<Map.Entry<String, JsonNode>> it = def.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            apply(spec, e.getKey(), e.getValue(), applyDefaults);
        }
    }

    private static void apply(ObjectNode spec, String path, JsonNode rule, boolean applyDefaults) {
        String type = rule.path("type").asText();
        JsonNode current = path.equals("cluster_type") ? Json.MAPPER.getNodeFactory().textNode("all-purpose") : get(spec, path);
        boolean present = current != null && !current.isNull();
        if (!present && !path.equals("cluster_type")) {
            JsonNode dflt = type.equals("fixed") ? rule.get("value") : (applyDefaults ? rule.get("defaultValue") : null);
            if (dflt != null) {
                set(spec, path, dflt);
                current = dflt;
                present = true;
            }
        }
        switch (type) {
            case "fixed" -> {
                if (present && !same(current, rule.get("value"))) {
                    throw violation(path, "the value must be " + rule.get("value").asText() + " (is \"" + current.asText() + "\")");
                }
            }
            case "forbidden" -> {
                if (present) {
                    throw violation(path, "the field is forbidden");
                }
            }
            case "allowlist", "blocklist" -> {
                if (present) {
                    boolean listed = false;
                    for (JsonNode v : rule.path("values")) {
                        listed |= same(current, v);
                    }
                    if (listed != type.equals("allowlist")) {
                        throw violation(path, "the value " + current.asText() + (listed ? " is blocked" : " is not allowed"));
                    }
                }
            }
            case "regex" -> {
                if (present && !Pattern.compile(rule.path("pattern").asText()).matcher(current.asText()).matches()) {
                    throw violation(path, "the value must match " + rule.path("pattern").asText());
                }
            }
            case "range" -> {
                if (present) {
                    double v = current.asDouble();
                    if ((rule.has("minValue") && v < rule.get("minValue").asDouble())
                            || (rule.has("maxValue") && v > rule.get("maxValue").asDouble())) {
                        throw violation(path, "the value " + current.asText() + " is out of range");
                    }
                }
            }
            default -> { }
        }
        if (!present && !rule.path("isOptional").asBoolean(true) && !type.equals("forbidden")) {
            throw violation(path, "the value must be present");
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a != null && b != null && a.asText().equals(b.asText());
    }

    private static dev.lockstep.sandbox.http.HttpError violation(String path, String what) {
        return invalid("Validation failed for " + path + ", " + what);
    }

    /** Path semantics: the first segment names a field, the rest (dots included) a key below it. */
    private static JsonNode get(ObjectNode spec, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return spec.get(path);
        }
        JsonNode parent = spec.get(path.substring(0, dot));
        return parent == null ? null : parent.get(path.substring(dot + 1));
    }

    private static void set(ObjectNode spec, String path, JsonNode value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            spec.set(path, value);
        } else {
            spec.with(path.substring(0, dot)).set(path.substring(dot + 1), value);
        }
    }
}
