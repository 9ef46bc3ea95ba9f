package dev.lockstep.state.crypto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flat JSON objects of an envelope (the caller's header and the key metadata): string keys,
 * values that are strings, integers ({@link Long}, or {@link BigInteger} beyond its range),
 * booleans or null, always written with the keys sorted so that they have one canonical encoding.
 */
final class Scalars {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Scalars() {
    }

    /**
     * An unmodifiable copy with sorted keys and integers as Long (or BigInteger); other value types
     * are a programming error.
     */
    static Map<String, Object> normalize(Map<String, ?> in, String what) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<String, ?> e : in.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException(what + ": empty field name");
            }
            sorted.put(e.getKey(), normalizeValue(e.getValue(), what + "." + e.getKey()));
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    private static Object normalizeValue(Object v, String where) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Object) b.longValue() : b;
        }
        throw new IllegalArgumentException(where + ": only strings, integers, booleans and null may be stored"
                + " in an envelope header, not " + v.getClass().getSimpleName());
    }

    /** Writes a normalized map as a JSON object (keys already sorted). */
    static void write(JsonGenerator g, Map<String, Object> m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                g.writeNull();
            } else if (v instanceof String s) {
                g.writeString(s);
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof Long l) {
                g.writeNumber(l);
            } else {
                g.writeNumber((BigInteger) v);
            }
        }
        g.writeEndObject();
    }

    /** Reads a flat object of scalars, or returns null when {@code node} is not one. */
    static Map<String, Object> read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        TreeMap<String, Object> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isIntegralNumber()) {
                value = normalizeValue(v.bigIntegerValue(), e.getKey());
            } else {
                return null;
            }
            if (e.getKey().isEmpty()) {
                return null;
            }
            out.put(e.getKey(), value);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(out));
    }
}
