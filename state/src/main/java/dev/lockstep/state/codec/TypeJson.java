package dev.lockstep.state.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.api.value.DynamicType;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.PrimitiveType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types as JSON, in cty's JSON type syntax (the one Terraform's state and plan JSON use):
 * {@code "string"}, {@code "number"}, {@code "bool"}, {@code "dynamic"}, {@code ["list", T]},
 * {@code ["set", T]}, {@code ["map", T]}, {@code ["object", {"a": T}]} (with a third element
 * listing the optional attributes, when there are any) and {@code ["tuple", [T, ...]]}.
 */
public final class TypeJson {

    private TypeJson() {
    }

    /** Writes {@code type} as the next JSON value of {@code g}. */
    public static void write(Type type, JsonGenerator g) throws IOException {
        if (type instanceof PrimitiveType p) {
            g.writeString(p.friendlyName());
        } else if (type instanceof DynamicType) {
            g.writeString("dynamic");
        } else if (type instanceof ListType l) {
            collection(g, "list", l.element());
        } else if (type instanceof SetType s) {
            collection(g, "set", s.element());
        } else if (type instanceof MapType m) {
            collection(g, "map", m.element());
        } else if (type instanceof ObjectType o) {
            g.writeStartArray();
            g.writeString("object");
            g.writeStartObject();
            for (Map.Entry<String, Type> e : o.attributes().entrySet()) {
                g.writeFieldName(e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
            if (!o.optional().isEmpty()) {
                g.writeStartArray();
                for (String name : o.optional()) {
                    g.writeString(name);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        } else {
            TupleType t = (TupleType) type;
            g.writeStartArray();
            g.writeString("tuple");
            g.writeStartArray();
            for (Type e : t.elements()) {
                write(e, g);
            }
            g.writeEndArray();
            g.writeEndArray();
        }
    }

    private static void collection(JsonGenerator g, String kind, Type element) throws IOException {
        g.writeStartArray();
        g.writeString(kind);
        write(element, g);
        g.writeEndArray();
    }

    /** The compact JSON text of {@code type}, such as {@code ["list","string"]}. */
    public static String toJson(Type type) {
        return new String(Json.write(false, g -> write(type, g)), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads a type written by {@link #write}. */
    public static Type read(JsonNode node) throws FormatException {
        if (node == null || node.isMissingNode()) {
            throw new FormatException("", "a type is missing");
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "string":
                    return Type.STRING;
                case "number":
                    return Type.NUMBER;
                case "bool":
                    return Type.BOOL;
                case "dynamic":
                    return Type.DYNAMIC;
                default:
                    throw new FormatException("", "unknown type \"" + node.textValue() + "\"");
            }
        }
        if (!node.isArray() || node.size() < 2 || !node.get(0).isTextual()) {
            throw new FormatException("", "a type must be a type name or an array such as [\"list\", \"string\"], found "
                    + describe(node));
        }
        String kind = node.get(0).textValue();
        switch (kind) {
            case "list":
                return new ListType(element(node, kind));
            case "set":
                return new SetType(element(node, kind));
            case "map":
                return new MapType(element(node, kind));
            case "object":
                return object(node);
            case "tuple":
                return tuple(node);
            default:
                throw new FormatException("", "unknown type kind \"" + kind + "\"");
        }
    }

    private static Type element(JsonNode node, String kind) throws FormatException {
        if (node.size() != 2) {
            throw new FormatException("", "a " + kind + " type has exactly one element type");
        }
        try {
            return read(node.get(1));
        } catch (FormatException e) {
            throw e.under("[1]");
        }
    }

    private static Type object(JsonNode node) throws FormatException {
        JsonNode attrs = node.get(1);
        if (!attrs.isObject() || node.size() > 3) {
            throw new FormatException("", "an object type is [\"object\", {attribute: type}] with an optional list of "
                    + "optional attributes");
        }
        Map<String, Type> types = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                types.put(e.getKey(), read(e.getValue()));
            } catch (FormatException ex) {
                throw ex.under("[1]." + e.getKey());
            }
        }
        Set<String> optional = new LinkedHashSet<>();
        if (node.size() == 3) {
            JsonNode opt = node.get(2);
            if (!opt.isArray()) {
                throw new FormatException("[2]", "the optional attributes of an object type must be an array of names");
            }
            for (JsonNode o : opt) {
                if (!o.isTextual() || !types.containsKey(o.textValue())) {
                    throw new FormatException("[2]", "optional attribute " + o + " is not an attribute of the type");
                }
                optional.add(o.textValue());
            }
        }
        return new ObjectType(types, optional);
    }

    private static Type tuple(JsonNode node) throws FormatException {
        JsonNode elems = node.get(1);
        if (!elems.isArray() || node.size() != 2) {
            throw new FormatException("", "a tuple type is [\"tuple\", [type, ...]]");
        }
        List<Type> types = new ArrayList<>(elems.size());
        for (int i = 0; i < elems.size(); i++) {
            try {
                types.add(read(elems.get(i)));
            } catch (FormatException e) {
                throw e.under("[1][" + i + "]");
            }
        }
        return types.isEmpty() ? TupleType.EMPTY : new TupleType(types);
    }

    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a bool";
        }
        if (n.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
