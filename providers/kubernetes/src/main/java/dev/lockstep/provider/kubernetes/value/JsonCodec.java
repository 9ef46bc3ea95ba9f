package dev.lockstep.provider.kubernetes.value;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between a resource value shaped by its Terraform-style schema and the Kubernetes JSON
 * object. Names map from snake_case to camelCase unless overridden by schema path ({@code rule} is
 * {@code rules}); a block of at most one element is a JSON object, other blocks are arrays;
 * computed-only and provider-local attributes are never written. Field transforms handle the few
 * values whose JSON form differs (base64 secret data, int-or-string ports).
 */
public final class JsonCodec {

    /** How one field's value is written to and read from JSON. */
    public interface FieldTransform {
        Object encode(Value v);

        Value decode(Object json, Type type);
    }

    private final Map<String, String> names;
    private final Map<String, FieldTransform> transforms;
    private final Set<String> local;

    /**
     * @param names JSON names by schema path (dot-joined schema names) where camelCase does not fit
     * @param transforms value conversions by schema path
     * @param local root attributes that exist only in lockstep (id, timeouts, wait flags)
     */
    public JsonCodec(Map<String, String> names, Map<String, FieldTransform> transforms, Set<String> local) {
        this.names = Map.copyOf(names);
        this.transforms = Map.copyOf(transforms);
        this.local = Set.copyOf(local);
    }

    /** Whether a root attribute or block is lockstep-only. */
    public boolean isLocal(String rootName) {
        return local.contains(rootName);
    }

    public static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private String jsonName(String path, String name) {
        String n = names.get(path);
        return n != null ? n : camel(name);
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    // ------------------------------------------------------------------ decode

    /** The full value of a JSON object: every schema field, lockstep-only ones null. */
    public Value decode(BlockSchema schema, Map<String, Object> json) {
        return decodeBlock(schema, json, "");
    }

    private Value decodeBlock(BlockSchema b, Map<String, Object> json, String prefix) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (AttributeSchema a : b.attributes().values()) {
            String path = join(prefix, a.name());
            if (prefix.isEmpty() && (local.contains(a.name()) || a.name().equals("id"))) {
                out.put(a.name(), Value.nullOf(a.type()));
                continue;
            }
            Object raw = json == null ? null : json.get(jsonName(path, a.name()));
            FieldTransform t = transforms.get(path);
            out.put(a.name(), t != null ? t.decode(raw, a.type()) : decodeValue(a.type(), raw));
        }
        for (NestedBlockSchema nb : b.blocks().values()) {
            String path = join(prefix, nb.name());
            ObjectType et = nb.block().impliedType();
            if (prefix.isEmpty() && local.contains(nb.name())) {
                out.put(nb.name(), empty(nb, et));
                continue;
            }
            Object raw = json == null ? null : json.get(jsonName(path, nb.name()));
            List<Value> els = new ArrayList<>();
            if (raw instanceof Map<?, ?> m) {
                els.add(decodeBlock(nb.block(), cast(m), path));
            } else if (raw instanceof List<?> l) {
                for (Object o : l) {
                    els.add(decodeBlock(nb.block(), o instanceof Map<?, ?> m ? cast(m) : null, path));
                }
            }
            out.put(nb.name(), blockValue(nb, et, els));
        }
        return Value.object(out);
    }

    private static Value empty(NestedBlockSchema nb, ObjectType et) {
        return blockValue(nb, et, List.of());
    }

    /** The value of decoded blocks: a list, a set, or (single nesting) an object or null. */
    public static Value blockValue(NestedBlockSchema nb, ObjectType et, List<Value> els) {
        switch (nb.nesting()) {
            case SINGLE:
                return els.isEmpty() ? Value.nullOf(et) : els.get(0);
            case SET:
                return Value.set(et, els);
            default:
                return els.isEmpty() ? Value.emptyList(et) : Value.list(et, els);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** A JSON value as a value of type {@code t}; what cannot convert becomes a typed null. */
    public static Value decodeValue(Type t, Object raw) {
        if (t == Type.DYNAMIC) {
            return Json.toValue(raw);
        }
        if (raw == null) {
            return Value.nullOf(t);
        }
        if (t == Type.STRING) {
            if (raw instanceof Number n) {
                return Value.string(Value.formatNumber(Json.number(n)));
            }
            if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
                return Value.nullOf(t);
            }
            return Value.string(String.valueOf(raw));
        }
        if (t == Type.NUMBER) {
            try {
                return Value.number(raw instanceof Number n ? Json.number(n) : new BigDecimal(String.valueOf(raw)));
            } catch (NumberFormatException e) {
                return Value.nullOf(t);
            }
        }
        if (t == Type.BOOL) {
            if (raw instanceof Boolean b) {
                return Value.bool(b);
            }
            String s = String.valueOf(raw);
            return s.equals("true") || s.equals("false") ? Value.bool(Boolean.parseBoolean(s)) : Value.nullOf(t);
        }
        if (t instanceof ListType || t instanceof SetType) {
            Type et = t.elementType();
            List<Value> els = new ArrayList<>();
            if (raw instanceof List<?> l) {
                for (Object o : l) {
                    els.add(decodeValue(et, o));
                }
            } else if (raw instanceof Map<?, ?>) {
                els.add(decodeValue(et, raw));
            } else {
                return Value.nullOf(t);
            }
            return Values.rebuild(t, els);
        }
        if (t instanceof MapType mt) {
            if (!(raw instanceof Map<?, ?> m)) {
                return Value.nullOf(t);
            }
            Map<String, Value> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), decodeValue(mt.element(), v)));
            return Value.map(mt.element(), out);
        }
        if (t instanceof ObjectType ot) {
            if (!(raw instanceof Map<?, ?> m)) {
                return Value.nullOf(t);
            }
            Map<String, Value> out = new LinkedHashMap<>();
            ot.attributes().forEach((name, at) -> out.put(name, decodeValue(at, m.get(camel(name)))));
            return Value.object(out);
        }
        return Value.nullOf(t);
    }

    // ------------------------------------------------------------------ encode

    /** The JSON object of a value: known, non-null, writable fields only. */
    public Map<String, Object> encode(BlockSchema schema, Value v) {
        return encodeBlock(schema, v.unmarkDeep(), "");
    }

    private Map<String, Object> encodeBlock(BlockSchema b, Value v, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!Values.present(v)) {
            return out;
        }
        for (AttributeSchema a : b.attributes().values()) {
            if (!a.settable() || (prefix.isEmpty() && local.contains(a.name()))) {
                continue;
            }
            String path = join(prefix, a.name());
            Value av = v.get(a.name());
            if (!Values.present(av)) {
                continue;
            }
            FieldTransform t = transforms.get(path);
            Object enc = t != null ? t.encode(av) : Json.fromValue(av);
            if (enc != null) {
                out.put(jsonName(path, a.name()), enc);
            }
        }
        for (NestedBlockSchema nb : b.blocks().values()) {
            if (prefix.isEmpty() && local.contains(nb.name())) {
                continue;
            }
            String path = join(prefix, nb.name());
            Value bv = v.get(nb.name());
            if (!Values.present(bv)) {
                continue;
            }
            String key = jsonName(path, nb.name());
            if (nb.nesting() == NestedBlockSchema.Nesting.SINGLE) {
                out.put(key, encodeBlock(nb.block(), bv, path));
            } else if (nb.maxItems() == 1) {
                if (bv.length() > 0) {
                    out.put(key, encodeBlock(nb.block(), bv.elements().get(0), path));
                }
            } else if (bv.length() > 0) {
                List<Object> l = new ArrayList<>();
                for (Value e : bv.elements()) {
                    l.add(encodeBlock(nb.block(), e, path));
                }
                out.put(key, l);
            }
        }
        return out;
    }
}
