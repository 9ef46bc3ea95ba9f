package dev.lockstep.planner.hcl.function;

import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately tiny reader for the subset of HCL expressions that consists only of literals,
 * collections, {@code var.x} / {@code local.x} references, attribute access, indexing and function
 * calls, so that the function library can be checked against the Terraform goldens before (and
 * independently of) the real evaluator. Anything else (operators, templates, for expressions,
 * heredocs) makes it give up with {@link Unsupported}; such cases belong to the evaluator's test.
 */
final class MiniExpressions {

    /** The expression uses syntax this reader does not handle. */
    static final class Unsupported extends Exception {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    /** A function call failed: the summary to compare with {@code expect-error}. */
    static final class CallFailed extends Exception {
        final String summary;

        CallFailed(String summary, String message) {
            super(message, null, false, false);
            this.summary = summary;
        }
    }

    private final String src;
    private final Map<String, Function> functions;
    private final Map<String, Value> vars;
    private final Map<String, Value> locals;
    private int pos;

    private MiniExpressions(String src, Map<String, Function> functions, Map<String, Value> vars,
            Map<String, Value> locals) {
        this.src = src;
        this.functions = functions;
        this.vars = vars;
        this.locals = locals;
    }

    static Value evaluate(String src, Map<String, Function> functions, Map<String, Value> vars,
            Map<String, Value> locals) throws Unsupported, CallFailed {
        MiniExpressions m = new MiniExpressions(src, functions, vars, locals);
        Value v = m.expression();
        m.skipSpace();
        if (m.pos != src.length()) {
            throw new Unsupported("trailing syntax at " + m.pos);
        }
        return v;
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < src.length() && src.charAt(pos) == c;
    }

    private void expect(char c) throws Unsupported {
        if (!peek(c)) {
            throw new Unsupported("expected " + c + " at " + pos);
        }
        pos++;
    }

    private Value expression() throws Unsupported, CallFailed {
        Value v = primary();
        while (true) {
            if (peek('.') && pos + 1 < src.length() && Character.isLetter(src.charAt(pos + 1))) {
                pos++;
                String name = identifier();
                if (!v.isMapping() || v.isSensitive() || !v.isKnown() || v.get(name) == null) {
                    throw new Unsupported("attribute access");
                }
                v = v.get(name);
            } else if (peek('[')) {
                pos++;
                Value idx = expression();
                expect(']');
                if (!v.isKnown() || v.isSensitive() || !idx.isKnown() || !v.isSequence() || v.isSet()) {
                    throw new Unsupported("index");
                }
                int i;
                try {
                    i = idx.asNumber().intValueExact();
                } catch (RuntimeException e) {
                    throw new Unsupported("index");
                }
                if (i < 0 || i >= v.length()) {
                    throw new Unsupported("index out of range");
                }
                v = v.elements().get(i);
            } else {
                return v;
            }
        }
    }

    private Value primary() throws Unsupported, CallFailed {
        skipSpace();
        if (pos >= src.length()) {
            throw new Unsupported("end of input");
        }
        char c = src.charAt(pos);
        if (c == '"') {
            return Value.string(string());
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (c == '[') {
            pos++;
            List<Value> els = new ArrayList<>();
            while (!peek(']')) {
                els.add(expression());
                if (!peek(',')) {
                    break;
                }
                pos++;
            }
            expect(']');
            return Value.tuple(els);
        }
        if (c == '{') {
            pos++;
            Map<String, Value> attrs = new LinkedHashMap<>();
            while (!peek('}')) {
                String key = peek('"') ? string() : identifier();
                expect('=');
                attrs.put(key, expression());
                if (peek(',')) {
                    pos++;
                }
            }
            expect('}');
            return Value.object(attrs);
        }
        if (c == '(') {
            throw new Unsupported("parentheses");
        }
        String id = identifier();
        switch (id) {
            case "null":
                return Value.NULL;
            case "true":
                return Value.TRUE;
            case "false":
                return Value.FALSE;
            case "var":
            case "local": {
                expect('.');
                String name = identifier();
                Value v = (id.equals("var") ? vars : locals).get(name);
                if (v == null) {
                    throw new Unsupported("unknown reference " + id + "." + name);
                }
                return v;
            }
            default:
                break;
        }
        if (!peek('(')) {
            throw new Unsupported("bare identifier " + id);
        }
        pos++;
        List<Value> args = new ArrayList<>();
        boolean expand = false;
        while (!peek(')')) {
            args.add(expression());
            if (peek('.') && src.startsWith("...", pos)) {
                pos += 3;
                expand = true;
            }
            if (!peek(',')) {
                break;
            }
            pos++;
        }
        expect(')');
        if (expand) {
            Value last = args.remove(args.size() - 1);
            if (!last.isKnown() || last.isSensitive() || !last.isSequence()) {
                throw new Unsupported("expansion of a non-list");
            }
            args.addAll(last.elements());
        }
        Function f = functions.get(id);
        if (f == null) {
            throw new CallFailed("Call to unknown function", "There is no function named \"" + id + "\".");
        }
        try {
            return f.call(args);
        } catch (FunctionException e) {
            throw new CallFailed(e.summary(), e.getMessage());
        }
    }

    private String identifier() throws Unsupported {
        skipSpace();
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                || src.charAt(pos) == '-' && pos > start)) {
            pos++;
        }
        if (start == pos) {
            throw new Unsupported("expected an identifier at " + pos);
        }
        return src.substring(start, pos);
    }

    private Value number() throws Unsupported {
        int start = pos;
        if (src.charAt(pos) == '-') {
            pos++;
        }
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                || src.charAt(pos) == 'e' || src.charAt(pos) == 'E'
                || (src.charAt(pos) == '+' || src.charAt(pos) == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E'))) {
            pos++;
        }
        try {
            return Value.number(new BigDecimal(src.substring(start, pos)));
        } catch (NumberFormatException e) {
            throw new Unsupported("number");
        }
    }

    private String string() throws Unsupported {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if ((c == '$' || c == '%') && pos < src.length() && src.charAt(pos) == '{') {
                throw new Unsupported("template");
            }
            if ((c == '$' || c == '%') && pos + 1 < src.length() && src.charAt(pos) == c && src.charAt(pos + 1) == '{') {
                sb.append(c).append('{');
                pos += 2;
                continue;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'u' -> {
                    sb.appendCodePoint(Integer.parseInt(src.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(src.substring(pos, pos + 8), 16));
                    pos += 8;
                }
                default -> throw new Unsupported("escape \\" + e);
            }
        }
        throw new Unsupported("unterminated string");
    }
}
