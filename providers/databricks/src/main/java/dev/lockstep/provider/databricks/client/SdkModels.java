package dev.lockstep.provider.databricks.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds SDK request models from JSON and checks that nothing was lost on the way: the SDK's
 * mapper ignores unknown fields and turns unknown enum values into null, so a typo such as
 * {@code data_security_mode = "SINGLE_USR"} would otherwise vanish silently and show up as a
 * permanent diff.
 */
public final class SdkModels {

    private SdkModels() {
    }

    /** The model of {@code json}; throws IllegalArgumentException naming every value the SDK dropped. */
    public static <T> T build(DatabricksClient c, JsonNode json, Class<T> type) {
        T model = c.model(json, type);
        List<String> lost = new ArrayList<>();
        missing(json, c.json(model), "", lost);
        if (!lost.isEmpty()) {
            throw new IllegalArgumentException("the Databricks API (SDK model " + type.getSimpleName()
                    + ") does not accept " + String.join(", ", lost));
        }
        return model;
    }

    private static void missing(JsonNode a, JsonNode b, String at, List<String> out) {
        if (a == null || a.isNull()) {
            return;
        }
        if (b == null || b.isNull() || b.isMissingNode()) {
            out.add(describe(at, a));
            return;
        }
        if (a.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                missing(e.getValue(), b.get(e.getKey()), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), out);
            }
            return;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                missing(a.get(i), b.get(i), at + "[" + i + "]", out);
            }
            return;
        }
        boolean same = a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0
                : a.asText().equals(b.asText());
        if (!same) {
            out.add(describe(at, a));
        }
    }

    private static String describe(String at, JsonNode v) {
        return v.isValueNode() ? at + " = " + v : at;
    }
}
