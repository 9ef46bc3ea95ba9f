package dev.lockstep.provider.databricks.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code lockstep_address} tag every cluster, instance pool and job lockstep creates carries,
 * so audit and drift can tie it to configuration and an interrupted create can be adopted. It is
 * added on every write and removed from every read, so it never shows as a diff.
 */
public final class Tags {

    /** The tag key. */
    public static final String KEY = "lockstep_address";

    private Tags() {
    }

    /** Adds the tag to the tag object {@code field} of {@code body}. */
    public static void add(ObjectNode body, String field, ResourceAddress address) {
        JsonNode t = body.get(field);
        ObjectNode tags = t instanceof ObjectNode o ? o : body.putObject(field);
        tags.put(KEY, address.toString());
    }

    /** The tag's value in {@code body.field}, or null. */
    public static String of(JsonNode body, String field) {
        JsonNode t = body == null ? null : body.get(field);
        JsonNode v = t == null ? null : t.get(KEY);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** {@code state} with the tag removed from the map attribute {@code attr}. */
    public static Value strip(Value state, String attr) {
        Value tags = state.get(attr);
        if (tags == null || tags.isNull() || !tags.isKnown() || tags.get(KEY) == null) {
            return state;
        }
        Map<String, Value> m = new LinkedHashMap<>(tags.attributes());
        m.remove(KEY);
        Map<String, Value> s = new LinkedHashMap<>(state.attributes());
        s.put(attr, m.isEmpty() ? Value.nullOf(Type.map(Type.STRING)) : Value.map(Type.STRING, m));
        return Value.object(s);
    }
}
