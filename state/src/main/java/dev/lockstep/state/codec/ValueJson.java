package dev.lockstep.state.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.api.value.DynamicType;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Known values as plain JSON, read back given their type (the type travels separately, as
 * {@link TypeJson}): strings, exact decimal numbers (never through {@code double}), bools, lists,
 * sets and tuples as arrays, maps and objects as objects, nulls as {@code null}. Where the type
 * says {@code dynamic} but the value has a real type, the value is written as
 * {@code {"value": ..., "type": ...}}, as cty does.
 *
 * <p>Marks are not encoded: the caller records which paths are sensitive (state keeps them as
 * {@code sensitive_paths}). Unknown values cannot be encoded: state never holds them.
 */
public final class ValueJson {

    /** Numbers whose plain form would be longer than this many digits past the point are written in E notation. */
    private static final int PLAIN_SCALE_LIMIT = 64;

    private ValueJson() {
    }

    /** Writes {@code v}, which must be wholly known, as the next JSON value of {@code g}. */
    public static void write(Value v, JsonGenerator g) throws IOException {
        write(v, v.type(), g);
    }

    /**
     * Writes {@code v} as a value of type {@code t} (its own type, or a type with {@code dynamic}
     * where the value's type is more precise).
     *
     * @throws IllegalArgumentException when {@code v} is (or contains) an unknown or does not
     *     have type {@code t}
     */
    public static void write(Value v, Type t, JsonGenerator g) throws IOException {
        try {
            encode(v, t, g);
        } catch (PathException e) {
            throw new IllegalArgumentException("cannot encode value: " + e.getMessage(), e);
        }
    }

    /** The compact JSON text of a known value of its own type. */
    public static String toJson(Value v) {
        return new String(Json.write(false, g -> write(v, g)), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final class PathException extends RuntimeException {
        private final String path;
        private final String problem;

        PathException(String path, String problem) {
            super((path.isEmpty() ? "" : "at " + path + ": ") + problem, null, false, false);
            this.path = path;
            this.problem = problem;
        }

        PathException under(String step) {
            return new PathException(path.isEmpty() || path.startsWith("[") ? step + path : step + "." + path, problem);
        }
    }

    private static void encode(Value v, Type t, JsonGenerator g) throws IOException {
        if (!v.isKnown()) {
            throw new PathException("", "an unknown value (known after apply) cannot be recorded");
        }
        if (v.isNull()) {
            g.writeNull();
            return;
        }
        if (t instanceof DynamicType) {
            g.writeStartObject();
            g.writeFieldName("value");
            encode(v, v.type(), g);
            g.writeFieldName("type");
            TypeJson.write(v.type(), g);
            g.writeEndObject();
            return;
        }
        if (t == Type.STRING || t == Type.NUMBER || t == Type.BOOL) {
            if (v.type() != t) {
                throw new PathException("", "a " + v.type().friendlyName() + " where the type says " + t.friendlyName());
            }
            if (t == Type.STRING) {
                g.writeString(v.asString());
            } else if (t == Type.NUMBER) {
                g.writeNumber(formatNumber(v.asNumber()));
            } else {
                g.writeBoolean(v.asBool());
            }
            return;
        }
        if (t instanceof ListType || t instanceof SetType) {
            requireKind(v, t, v.isList() || v.isSet());
            sequence(v.elements(), i -> t.elementType(), g);
        } else if (t instanceof TupleType tt) {
            requireKind(v, t, v.isTuple() && v.length() == tt.elements().size());
            sequence(v.elements(), i -> tt.elements().get(i), g);
        } else if (t instanceof MapType m) {
            requireKind(v, t, v.isMap());
            g.writeStartObject();
            for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
                g.writeFieldName(e.getKey());
                try {
                    encode(e.getValue(), m.element(), g);
                } catch (PathException ex) {
                    throw ex.under("[" + quote(e.getKey()) + "]");
                }
            }
            g.writeEndObject();
        } else {
            ObjectType o = (ObjectType) t;
            requireKind(v, t, v.isObject());
            g.writeStartObject();
            for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
                Type at = o.attribute(e.getKey());
                if (at == null) {
                    throw new PathException(e.getKey(), "the attribute is not part of the type " + t.typeExpr());
                }
                g.writeFieldName(e.getKey());
                try {
                    encode(e.getValue(), at, g);
                } catch (PathException ex) {
                    throw ex.under(e.getKey());
                }
            }
            g.writeEndObject();
        }
    }

    private interface TypeAt {
        Type at(int index);
    }

    private static void sequence(List<Value> elements, TypeAt types, JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < elements.size(); i++) {
            try {
                encode(elements.get(i), types.at(i), g);
            } catch (PathException ex) {
                throw ex.under("[" + i + "]");
            }
        }
        g.writeEndArray();
    }

    private static void requireKind(Value v, Type t, boolean ok) {
        if (!ok) {
            throw new PathException("", "a " + v.type().typeExpr() + " where the type says " + t.typeExpr());
        }
    }

    private static String quote(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The JSON text of a number: plain decimal notation without trailing zeros, or E notation
     * for very large or very small magnitudes (so that {@code 1e100000} stays short). Exact
     * either way.
     */
    public static String formatNumber(BigDecimal n) {
        if (n.signum() == 0) {
            return "0";
        }
        BigDecimal s = n.stripTrailingZeros();
        if (s.scale() > -PLAIN_SCALE_LIMIT && s.scale() < PLAIN_SCALE_LIMIT) {
            return s.toPlainString();
        }
        return s.toString();
    }

    /** Reads a value of type {@code t} written by {@link #write}. */
    public static Value read(JsonNode n, Type t) throws FormatException {
        if (n == null || n.isMissingNode()) {
            throw new FormatException("", "a value is missing");
        }
        if (n.isNull()) {
            return Value.nullOf(t);
        }
        if (t instanceof DynamicType) {
            if (!n.isObject() || n.size() != 2 || !n.has("value") || !n.has("type")) {
                throw new FormatException("", "a value of dynamic type must be {\"value\": ..., \"type\": ...}, found "
                        + TypeJson.describe(n));
            }
            Type actual;
            try {
                actual = TypeJson.read(n.get("type"));
            } catch (FormatException e) {
                throw e.under("type");
            }
            try {
                return read(n.get("value"), actual);
            } catch (FormatException e) {
                throw e.under("value");
            }
        }
        if (t == Type.STRING) {
            expect(n.isTextual(), "a string", n);
            return Value.string(n.textValue());
        }
        if (t == Type.NUMBER) {
            expect(n.isNumber(), "a number", n);
            return Value.number(n.decimalValue());
        }
        if (t == Type.BOOL) {
            expect(n.isBoolean(), "a bool", n);
            return Value.bool(n.booleanValue());
        }
        if (t instanceof ListType || t instanceof SetType) {
            expect(n.isArray(), () -> "an array (" + t.typeExpr() + ")", n);
            List<Value> elems = elements(n, i -> t.elementType());
            Type et = collectionElementType(t.elementType(), elems);
            return t instanceof ListType ? Value.list(et, elems) : Value.set(et, elems);
        }
        if (t instanceof TupleType tt) {
            expect(n.isArray(), () -> "an array (" + t.typeExpr() + ")", n);
            if (n.size() != tt.elements().size()) {
                throw new FormatException("", "expected " + tt.elements().size() + " elements for " + t.typeExpr()
                        + ", found " + n.size());
            }
            return Value.tuple(elements(n, i -> tt.elements().get(i)));
        }
        if (t instanceof MapType m) {
            expect(n.isObject(), () -> "an object (" + t.typeExpr() + ")", n);
            Map<String, Value> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    entries.put(e.getKey(), read(e.getValue(), m.element()));
                } catch (FormatException ex) {
                    throw ex.under("[" + quote(e.getKey()) + "]");
                }
            }
            return Value.map(collectionElementType(m.element(), entries.values()), entries);
        }
        ObjectType o = (ObjectType) t;
        expect(n.isObject(), "an object", n);
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!o.hasAttribute(name)) {
                throw new FormatException(name, "unexpected attribute; the type is " + t.typeExpr());
            }
        }
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, Type> e : o.attributes().entrySet()) {
            JsonNode a = n.get(e.getKey());
            try {
                attrs.put(e.getKey(), a == null ? Value.nullOf(e.getValue()) : read(a, e.getValue()));
            } catch (FormatException ex) {
                throw ex.under(e.getKey());
            }
        }
        return Value.object(attrs);
    }

    private static List<Value> elements(JsonNode n, TypeAt types) throws FormatException {
        List<Value> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            try {
                out.add(read(n.get(i), types.at(i)));
            } catch (FormatException ex) {
                throw ex.under("[" + i + "]");
            }
        }
        return out;
    }

    /**
     * The element type of a decoded collection: the declared one, unless it contains
     * {@code dynamic} and the elements all turned out to have one real type.
     */
    private static Type collectionElementType(Type declared, java.util.Collection<Value> elems) throws FormatException {
        if (!declared.hasDynamic() || elems.isEmpty()) {
            return declared;
        }
        Type found = null;
        for (Value v : elems) {
            if (v.type() == Type.DYNAMIC) {
                continue;
            }
            if (found == null) {
                found = v.type();
            } else if (!found.equals(v.type())) {
                throw new FormatException("", "the elements of a collection of " + declared.typeExpr()
                        + " have different types (" + found.typeExpr() + ", " + v.type().typeExpr() + ")");
            }
        }
        return found == null ? declared : found;
    }

    private static void expect(boolean ok, String what, JsonNode n) throws FormatException {
        if (!ok) {
            throw new FormatException("", "expected " + what + ", found " + TypeJson.describe(n));
        }
    }

    /** As above, with the description built only on failure (a type expression is costly to print). */
    private static void expect(boolean ok, java.util.function.Supplier<String> what, JsonNode n)
            throws FormatException {
        if (!ok) {
            expect(false, what.get(), n);
        }
    }
}
