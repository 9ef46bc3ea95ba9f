package dev.lockstep.planner.hcl.print;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.List;
import java.util.Map;

/**
 * Prints a value exactly as {@code terraform console} does: strings in Go quoting (or as a
 * heredoc when they span lines), numbers in plain decimal, collections with their conversion
 * function ({@code tolist}, {@code toset}, {@code tomap}) so that the type shows, typed nulls as
 * {@code tostring(null)} and the like, and {@code (known after apply)} / {@code (sensitive
 * value)} in place of unknown and sensitive values. A sensitive value's content is never printed.
 */
public final class ConsoleFormat {

    private ConsoleFormat() {
    }

    /** The console rendering of a value. */
    public static String format(Value v) {
        StringBuilder sb = new StringBuilder();
        format(v, 0, sb);
        return sb.toString();
    }

    private static void format(Value v, int indent, StringBuilder sb) {
        if (!v.isKnown()) {
            sb.append("(known after apply)");
            return;
        }
        if (v.isSensitive()) {
            sb.append("(sensitive value)");
            return;
        }
        Type t = v.type();
        if (v.isNull()) {
            sb.append(typedNull(t));
            return;
        }
        if (t == Type.STRING) {
            string(v.asString(), indent, sb);
        } else if (t == Type.NUMBER) {
            sb.append(Value.formatNumber(v.asNumber()));
        } else if (t == Type.BOOL) {
            sb.append(v.asBool() ? "true" : "false");
        } else if (v.isObject()) {
            mapping(v.attributes(), indent, sb);
        } else if (v.isTuple()) {
            sequence(v.elements(), indent, sb);
        } else if (v.isList()) {
            sb.append("tolist(");
            sequence(v.elements(), indent, sb);
            sb.append(')');
        } else if (v.isSet()) {
            sb.append("toset(");
            sequence(v.elements(), indent, sb);
            sb.append(')');
        } else if (v.isMap()) {
            sb.append("tomap(");
            mapping(v.attributes(), indent, sb);
            sb.append(')');
        } else {
            throw new IllegalStateException("unprintable value " + v.describe());
        }
    }

    private static String typedNull(Type t) {
        if (t == Type.DYNAMIC) {
            return "null";
        }
        if (t == Type.STRING) {
            return "tostring(null)";
        }
        if (t == Type.NUMBER) {
            return "tonumber(null)";
        }
        if (t == Type.BOOL) {
            return "tobool(null)";
        }
        if (t instanceof ListType l) {
            return "tolist(null) /* of " + l.element().friendlyName() + " */";
        }
        if (t instanceof SetType s) {
            return "toset(null) /* of " + s.element().friendlyName() + " */";
        }
        if (t instanceof MapType m) {
            return "tomap(null) /* of " + m.element().friendlyName() + " */";
        }
        return "null /* " + t.friendlyName() + " */";
    }

    private static void string(String s, int indent, StringBuilder sb) {
        String[] lines = s.split("\n", -1);
        if (lines.length < 2) {
            GoQuote.quote(s, sb);
            return;
        }
        String delimiter = "EOT";
        outer:
        while (true) {
            for (String line : lines) {
                if (line.strip().equals(delimiter)) {
                    delimiter = delimiter + "_";
                    continue outer;
                }
            }
            break;
        }
        String pad = " ".repeat(indent);
        sb.append(indent > 0 ? "<<-" : "<<").append(delimiter);
        for (String line : lines) {
            sb.append('\n').append(pad).append(line);
        }
        sb.append('\n').append(pad).append(delimiter);
    }

    private static void mapping(Map<String, Value> attrs, int indent, StringBuilder sb) {
        sb.append('{');
        int inner = indent + 2;
        String pad = " ".repeat(inner);
        for (Map.Entry<String, Value> e : attrs.entrySet()) {
            sb.append('\n').append(pad);
            string(e.getKey(), inner, sb);
            sb.append(" = ");
            format(e.getValue(), inner, sb);
        }
        if (!attrs.isEmpty()) {
            sb.append('\n').append(" ".repeat(indent));
        }
        sb.append('}');
    }

    private static void sequence(List<Value> elements, int indent, StringBuilder sb) {
        sb.append('[');
        int inner = indent + 2;
        String pad = " ".repeat(inner);
        for (Value e : elements) {
            sb.append('\n').append(pad);
            format(e, inner, sb);
            sb.append(',');
        }
        if (!elements.isEmpty()) {
            sb.append('\n').append(" ".repeat(indent));
        }
        sb.append(']');
    }
}
