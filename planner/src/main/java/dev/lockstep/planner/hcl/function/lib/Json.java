package dev.lockstep.planner.hcl.function.lib;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.FunctionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON encoding and decoding with cty's rules: objects and maps become JSON objects with sorted
 * keys, lists, sets and tuples become arrays, numbers are printed in plain decimal, and strings
 * are escaped as Go's encoding/json does (HTML-safe). Decoding yields objects, tuples, exact
 * numbers, strings, bools and untyped nulls.
 */
final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    /** The JSON text of a known value (elements must be known too). */
    static String encode(Value v) {
        StringBuilder sb = new StringBuilder();
        encode(v, sb);
        return sb.toString();
    }

    private static void encode(Value v, StringBuilder sb) {
        if (v.isNull()) {
            sb.append("null");
        } else if (v.type() == dev.lockstep.api.value.Type.STRING) {
            quote(v.asString(), sb);
        } else if (v.type() == dev.lockstep.api.value.Type.NUMBER) {
            sb.append(Value.formatNumber(v.asNumber()));
        } else if (v.type() == dev.lockstep.api.value.Type.BOOL) {
            sb.append(v.asBool());
        } else if (v.isSequence()) {
            sb.append('[');
            boolean first = true;
            for (Value e : v.elements()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                encode(e, sb);
            }
            sb.append(']');
        } else if (v.isMapping()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(e.getKey(), sb);
                sb.append(':');
                encode(e.getValue(), sb);
            }
            sb.append('}');
        } else {
            throw new IllegalStateException("cannot encode " + v.describe());
        }
    }

    /** A JSON string literal, escaped like Go's encoding/json. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb);
        return sb.toString();
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Parses one JSON document into a value; errors never quote the input. */
    static Value decode(String text) throws FunctionException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new FunctionException("invalid JSON: unexpected end of input.");
            }
            Value v = read(p, t);
            if (p.nextToken() != null) {
                throw new FunctionException("invalid JSON: extraneous data after the value at line "
                        + p.currentTokenLocation().getLineNr() + ", column " + p.currentTokenLocation().getColumnNr() + ".");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new FunctionException("invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ".");
        } catch (IOException e) {
            throw new FunctionException("invalid JSON.");
        }
    }

    private static Value read(JsonParser p, JsonToken t) throws IOException, FunctionException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Value> attrs = new LinkedHashMap<>();
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    attrs.put(name, read(p, p.nextToken()));
                }
                return Value.object(attrs);
            }
            case START_ARRAY: {
                List<Value> els = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    els.add(read(p, t));
                }
                return Value.tuple(els);
            }
            case VALUE_STRING:
                return Value.string(p.getText());
            case VALUE_NUMBER_INT:
                return Value.number(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return Value.number(new BigDecimal(p.getText()));
            case VALUE_TRUE:
                return Value.TRUE;
            case VALUE_FALSE:
                return Value.FALSE;
            case VALUE_NULL:
                return Value.NULL;
            default:
                throw new FunctionException("invalid JSON: unexpected token.");
        }
    }
}
