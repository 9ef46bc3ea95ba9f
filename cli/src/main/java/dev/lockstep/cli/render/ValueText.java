package dev.lockstep.cli.render;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.List;
import java.util.Map;

/**
 * Renders values the way Terraform's plan output shows them: strings quoted, numbers plain,
 * {@code (known after apply)}, {@code (sensitive value)}, and lists and maps over several
 * indented lines. Sensitive values are never shown, whatever their depth.
 */
final class ValueText {

    static final String UNKNOWN = "(known after apply)";
    static final String SENSITIVE = "(sensitive value)";

    private ValueText() {
    }

    /** Whether {@code v} renders on one line. */
    static boolean isSimple(Value v) {
        if (v == null || v.isSensitive() || !v.isKnown() || v.isNull()) {
            return true;
        }
        if (v.isSequence() || v.isMapping()) {
            return v.length() == 0;
        }
        return v.type() != Type.STRING || !v.asString().contains("\n");
    }

    /** The value at {@code indent} (the column where nested lines start). */
    static String render(Value v, int indent) {
        StringBuilder sb = new StringBuilder();
        render(v, indent, sb);
        return sb.toString();
    }

    private static void render(Value v, int indent, StringBuilder sb) {
        if (v != null && v.isSensitive()) {
            sb.append(SENSITIVE); // before null: a redacted secret is a null marked sensitive
            return;
        }
        if (v == null || v.isNull()) {
            sb.append("null");
            return;
        }
        if (!v.isKnown()) {
            sb.append(UNKNOWN);
            return;
        }
        if (v.type() == Type.STRING) {
            String s = v.asString();
            if (s.contains("\n")) {
                String pad = " ".repeat(indent + 4);
                sb.append("<<-EOT\n");
                String[] lines = s.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (i == lines.length - 1 && lines[i].isEmpty()) {
                        break;
                    }
                    sb.append(pad).append(lines[i]).append('\n');
                }
                sb.append(" ".repeat(indent + 2)).append("EOT");
                return;
            }
            sb.append(quote(s));
            return;
        }
        if (v.type() == Type.NUMBER) {
            sb.append(Value.formatNumber(v.asNumber()));
            return;
        }
        if (v.type() == Type.BOOL) {
            sb.append(v.asBool());
            return;
        }
        String pad = " ".repeat(indent + 4);
        if (v.isSequence()) {
            List<Value> els = v.elements();
            if (els.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (Value e : els) {
                sb.append(pad);
                render(e, indent + 4, sb);
                sb.append(",\n");
            }
            sb.append(" ".repeat(indent + 2)).append(']');
            return;
        }
        Map<String, Value> attrs = v.attributes();
        if (attrs.isEmpty()) {
            sb.append("{}");
            return;
        }
        int width = 0;
        for (String k : attrs.keySet()) {
            width = Math.max(width, key(k, v.isMap()).length());
        }
        sb.append("{\n");
        for (Map.Entry<String, Value> e : attrs.entrySet()) {
            String k = key(e.getKey(), v.isMap());
            sb.append(pad).append(k).append(" ".repeat(width - k.length())).append(" = ");
            render(e.getValue(), indent + 4, sb);
            sb.append('\n');
        }
        sb.append(" ".repeat(indent + 2)).append('}');
    }

    /** An attribute name as written: bare when it is an identifier, quoted otherwise (and always for maps). */
    static String key(String k, boolean map) {
        if (!map && dev.lockstep.planner.hcl.lexer.Lexer.isIdentifier(k)) {
            return k;
        }
        return quote(k);
    }

    static String quote(String s) {
        return GoQuote.hcl(s);
    }
}
