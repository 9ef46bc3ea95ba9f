package dev.lockstep.secrets;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.json.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a JSON object into a {@code map(string)}, the shape both secret sources give their key/value
 * secrets: a string member stays the string, a JSON {@code null} becomes a null element, and any
 * other member (number, bool, array, object) becomes its compact JSON text with object keys sorted
 * ({@code 5432} becomes {@code "5432"}, {@code {"b": [1, 2], "a": 1.50}} becomes
 * {@code "{\"a\":1.50,\"b\":[1,2]}"}; numbers keep their text), which {@code jsondecode} turns
 * back into the value. A repeated key keeps its last value. Parsing uses the strict
 * minimal-json parser bundled with the Vault driver; nothing about the text's content ever
 * appears in a message.
 */
public final class FlatJson {

    /** Deeper nesting than this is not decoded (the parser recurses once per level). */
    static final int MAX_DEPTH = 512;

    private FlatJson() {
    }

    /**
     * The members of {@code text} when it is a JSON object, as an unmarked {@code map(string)}
     * value; null when it is not valid JSON, not an object, or nested deeper than {@link #MAX_DEPTH}.
     */
    public static Value parseObject(String text) {
        if (text == null || nestingDepth(text) > MAX_DEPTH) {
            return null;
        }
        JsonValue parsed;
        try {
            parsed = Json.parse(text);
        } catch (ParseException | UnsupportedOperationException e) {
            return null;
        }
        return parsed.isObject() ? toMap(parsed.asObject()) : null;
    }

    /** The members of a parsed JSON object as an unmarked {@code map(string)} value. */
    public static Value toMap(JsonObject object) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (JsonObject.Member m : object) {
            JsonValue v = m.getValue();
            Value element;
            if (v.isString()) {
                element = Value.string(v.asString());
            } else if (v.isNull()) {
                element = Value.nullOf(Type.STRING);
            } else {
                element = Value.string(canonical(v));
            }
            out.put(m.getName(), element);
        }
        return Value.map(Type.STRING, out);
    }

    /**
     * Compact JSON text of {@code value} with the members of every object sorted by key (Vault
     * itself answers with sorted keys; sorting here keeps the text stable whatever order a server
     * uses, so an unchanged secret never looks changed).
     */
    public static String canonical(JsonValue value) {
        return sorted(value).toString();
    }

    private static JsonValue sorted(JsonValue v) {
        if (v.isObject()) {
            java.util.TreeMap<String, JsonValue> members = new java.util.TreeMap<>();
            for (JsonObject.Member m : v.asObject()) {
                members.put(m.getName(), sorted(m.getValue()));
            }
            JsonObject out = new JsonObject();
            members.forEach(out::add);
            return out;
        }
        if (v.isArray()) {
            io.github.jopenlibs.vault.json.JsonArray out = new io.github.jopenlibs.vault.json.JsonArray();
            for (JsonValue e : v.asArray()) {
                out.add(sorted(e));
            }
            return out;
        }
        return v;
    }

    /** The deepest nesting of arrays and objects in {@code text}, ignoring brackets inside strings. */
    static int nestingDepth(String text) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }
}
