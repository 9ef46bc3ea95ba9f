package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * SCIM filter expressions (RFC 7644 §3.4.2.2) over JSON resources: {@code eq ne co sw ew gt ge lt
 * le pr}, {@code and}, {@code or}, {@code not(...)} and parentheses; attribute names and string
 * comparisons are case-insensitive, a dotted path such as {@code emails.value} matches any
 * element of a multi-valued attribute.
 */
final class ScimFilter {
    private final List<String> tokens;
    private int pos;

    private ScimFilter(String text) {
        this.tokens = tokenize(text);
    }

    /** Parses a filter; throws {@link IllegalArgumentException} with a reason when invalid. */
    static Predicate<JsonNode> parse(String text) {
        ScimFilter f = new ScimFilter(text);
        Predicate<JsonNode> p = f.or();
        if (f.pos != f.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + f.tokens.get(f.pos) + "'");
        }
        return p;
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder("\"");
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    sb.append(s.charAt(i++));
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                i++;
                out.add(sb.toString());
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '(' && s.charAt(i) != ')') {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("unexpected end of filter");
        }
        return tokens.get(pos++);
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while ("or".equalsIgnoreCase(peek())) {
            next();
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = unary();
        while ("and".equalsIgnoreCase(peek())) {
            next();
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<JsonNode> unary() {
        String t = next();
        if (t.equalsIgnoreCase("not") && "(".equals(peek())) {
            next();
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner.negate();
        }
        if (t.equals("(")) {
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        String attr = t;
        String op = next().toLowerCase(Locale.ROOT);
        if (op.equals("pr")) {
            return n -> !values(n, attr).isEmpty();
        }
        String raw = next();
        boolean quoted = raw.startsWith("\"");
        String value = quoted ? raw.substring(1) : raw;
        return n -> values(n, attr).stream().anyMatch(v -> compare(v, op, value, quoted));
    }

    private void expect(String t) {
        if (!t.equals(next())) {
            throw new IllegalArgumentException("expected '" + t + "'");
        }
    }

    private static boolean compare(JsonNode v, String op, String value, boolean quoted) {
        String a = v.asText().toLowerCase(Locale.ROOT);
        String b = value.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "eq" -> a.equals(b);
            case "ne" -> !a.equals(b);
            case "co" -> a.contains(b);
            case "sw" -> a.startsWith(b);
            case "ew" -> a.endsWith(b);
            case "gt" -> a.compareTo(b) > 0;
            case "ge" -> a.compareTo(b) >= 0;
            case "lt" -> a.compareTo(b) < 0;
            case "le" -> a.compareTo(b) <= 0;
            default -> throw new IllegalArgumentException("unknown operator '" + op + "'");
        };
    }

    /** Values of an attribute path, case-insensitively, flattening arrays. */
    static List<JsonNode> values(JsonNode node, String path) {
        List<JsonNode> current = List.of(node);
        for (String seg : path.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                JsonNode child = field(n, seg);
                if (child == null || child.isNull()) {
                    continue;
                }
                if (child.isArray()) {
                    child.forEach(next::add);
                } else {
                    next.add(child);
                }
            }
            current = next;
        }
        return current;
    }

    static JsonNode field(JsonNode n, String name) {
        if (!n.isObject()) {
            return null;
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) {
                return n.get(f);
            }
        }
        return null;
    }
}
