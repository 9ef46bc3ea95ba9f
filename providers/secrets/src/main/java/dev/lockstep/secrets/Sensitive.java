package dev.lockstep.secrets;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the values of secret attributes with the sensitive mark on the value itself and on every
 * element inside it, so that indexing ({@code data["password"]}) keeps the mark even before the
 * engine applies the schema's marks. Nulls are marked too: whether a secret is a string or binary
 * is nobody's business either.
 */
public final class Sensitive {

    private Sensitive() {
    }

    /** A marked string, or a marked null string. */
    public static Value string(String s) {
        return (s == null ? Value.nullOf(Type.STRING) : Value.string(s)).markSensitive();
    }

    /** {@code map} (a {@code map(string)} value, or null for a marked null map) marked at every depth. */
    public static Value map(Value map) {
        if (map == null) {
            return Value.nullOf(Type.map(Type.STRING)).markSensitive();
        }
        Map<String, Value> out = new LinkedHashMap<>();
        map.attributes().forEach((k, v) -> out.put(k, v.markSensitive()));
        return Value.map(Type.STRING, out).markSensitive();
    }
}
