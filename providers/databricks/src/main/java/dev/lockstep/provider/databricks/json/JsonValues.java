package dev.lockstep.provider.databricks.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between resource values and the REST API's JSON, driven by the schema: attribute and
 * block names are the JSON field names unless renamed ({@code task} is {@code tasks}). Reading
 * fills every schema element (absent attributes and single blocks null, absent repeated blocks
 * empty, empty maps and lists null); writing sends known, non-null, settable values only.
 */
public final class JsonValues {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** Schema name to JSON field name, applied at every nesting level. */
    public record Names(Map<String, String> renames) {
        public static final Names NONE = new Names(Map.of());

        public String json(String schemaName) {
            return renames.getOrDefault(schemaName, schemaName);
        }
    }

    /** The object value of {@code node} (null or missing node: every element empty). */
    public static Value read(JsonNode node, BlockSchema s, Names names) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (AttributeSchema a : s.attributes().values()) {
            JsonNode n = node == null ? null : node.get(names.json(a.name()));
            out.put(a.name(), attribute(n, a.type()));
        }
        for (NestedBlockSchema b : s.blocks().values()) {
            JsonNode n = node == null ? null : node.get(names.json(b.name()));
            out.put(b.name(), nested(n, b, names));
        }
        return Value.object(out);
    }

    private static Value nested(JsonNode n, NestedBlockSchema b, Names names) {
        Type t = b.block().impliedType();
        if (b.nesting() == NestedBlockSchema.Nesting.SINGLE) {
            if (n == null || !n.isObject()) {
                return Value.nullOf(t);
            }
            return read(n, b.block(), names);
        }
        List<Value> els = new ArrayList<>();
        if (n != null && n.isArray()) {
            for (JsonNode e : n) {
                if (e.isObject()) {
                    els.add(read(e, b.block(), names));
                }
            }
        } else if (n != null && n.isObject()) {
            els.add(read(n, b.block(), names));
        }
        return b.nesting() == NestedBlockSchema.Nesting.SET ? Value.set(t, els) : Value.list(t, els);
    }

    /** An attribute value of type {@code t} from JSON (null when absent, null or empty). */
    public static Value attribute(JsonNode n, Type t) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Value.nullOf(t);
        }
        if (t == Type.STRING) {
            if (n.isTextual()) {
                return Value.string(n.asText());
            }
            return Value.string(n.isValueNode() ? n.asText() : n.toString());
        }
        if (t == Type.NUMBER) {
            if (n.isNumber()) {
                return Value.number(n.decimalValue());
            }
            try {
                return Value.number(new BigDecimal(n.asText().strip()));
            } catch (NumberFormatException e) {
                return Value.nullOf(t);
            }
        }
        if (t == Type.BOOL) {
            if (n.isBoolean()) {
                return Value.bool(n.asBoolean());
            }
            String s = n.asText();
            return s.equalsIgnoreCase("true") ? Value.TRUE : s.equalsIgnoreCase("false") ? Value.FALSE : Value.nullOf(t);
        }
        if (t instanceof MapType m) {
            if (!n.isObject() || n.isEmpty()) {
                return Value.nullOf(t);
            }
            Map<String, Value> entries = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                entries.put(e.getKey(), attribute(e.getValue(), m.element()));
            }
            return Value.map(m.element(), entries);
        }
        if (t instanceof ListType || t instanceof SetType) {
            Type et = t.elementType();
            if (!n.isArray() || n.isEmpty()) {
                return Value.nullOf(t);
            }
            List<Value> els = new ArrayList<>();
            for (JsonNode e : n) {
                els.add(attribute(e, et));
            }
            return t instanceof SetType ? Value.set(et, els) : Value.list(et, els);
        }
        throw new IllegalArgumentException("unsupported attribute type " + t.typeExpr());
    }

    /** The JSON of the settable, known, non-null values of {@code v}. */
    public static ObjectNode write(Value v, BlockSchema s, Names names) {
        ObjectNode out = F.objectNode();
        if (v == null || v.isNull() || !v.isKnown()) {
            return out;
        }
        for (AttributeSchema a : s.attributes().values()) {
            if (!a.settable()) {
                continue;
            }
            JsonNode j = toJson(v.get(a.name()));
            if (j != null) {
                out.set(names.json(a.name()), j);
            }
        }
        for (NestedBlockSchema b : s.blocks().values()) {
            Value x = v.get(b.name());
            if (x == null || x.isNull() || !x.isKnown()) {
                continue;
            }
            if (b.nesting() == NestedBlockSchema.Nesting.SINGLE) {
                out.set(names.json(b.name()), write(x, b.block(), names));
            } else if (x.length() > 0) {
                ArrayNode arr = out.putArray(names.json(b.name()));
                for (Value e : x.elements()) {
                    arr.add(write(e, b.block(), names));
                }
            }
        }
        return out;
    }

    /** Any known value as JSON (null for null or unknown values); marks are ignored. */
    public static JsonNode toJson(Value v) {
        if (v == null || v.isNull() || !v.isWhollyKnown()) {
            return null;
        }
        Value u = v.unmarkDeep();
        Type t = u.type();
        if (t == Type.STRING) {
            return F.textNode(u.asString());
        }
        if (t == Type.NUMBER) {
            BigDecimal d = u.asNumber();
            try {
                return F.numberNode(d.longValueExact());
            } catch (ArithmeticException e) {
                return F.numberNode(d);
            }
        }
        if (t == Type.BOOL) {
            return F.booleanNode(u.asBool());
        }
        if (u.isSequence()) {
            ArrayNode arr = F.arrayNode();
            for (Value e : u.elements()) {
                JsonNode j = toJson(e);
                arr.add(j == null ? F.nullNode() : j);
            }
            return arr;
        }
        if (u.isMapping()) {
            ObjectNode o = F.objectNode();
            u.attributes().forEach((k, e) -> {
                JsonNode j = toJson(e);
                if (j != null) {
                    o.set(k, j);
                }
            });
            return o;
        }
        return null;
    }
}
