package dev.lockstep.cli.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of GitHub Actions' expression language the recipes use: {@code ${{ ... }}} templates and
 * {@code if:} conditions with context paths ({@code github.event.action}), string, number and boolean
 * literals, {@code == != && || !}, parentheses and the status functions. Strings compare ignoring case
 * and mixed types compare as numbers, as GitHub does. A path is resolved by the caller's lookup, which
 * fails the test for a name it does not know; any other construct (another function, an index, a
 * filter) fails too, so the recipe cannot use something this harness does not evaluate.
 */
final class GithubExpressions {

    private static final Pattern TEMPLATE = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);

    /** How a context path and the status functions are answered. */
    interface Context {
        /** The value of a path such as {@code steps.plan.outputs.exit_code}; fails for an unknown one. */
        Object lookup(String path);

        /** Whether every earlier step succeeded. */
        boolean success();
    }

    private final Context context;
    private final String source;
    private final List<String> tokens;
    private int pos;
    private boolean usedStatusFunction;

    private GithubExpressions(Context context, String source) {
        this.context = context;
        this.source = source;
        this.tokens = tokenize(source);
    }

    /** Substitutes every {@code ${{ expr }}} of a string. */
    static String substitute(String text, Context context) {
        Matcher m = TEMPLATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(asString(evaluate(m.group(1), context))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An {@code if:} condition: implicitly {@code success() && (expr)} unless it calls a status function. */
    static boolean condition(String text, Context context) {
        String expr = text.strip();
        Matcher whole = Pattern.compile("^\\$\\{\\{(.*)}}$", Pattern.DOTALL).matcher(expr);
        if (whole.matches()) {
            expr = whole.group(1);
        }
        GithubExpressions e = new GithubExpressions(context, expr);
        Object v = e.parseAll();
        return e.usedStatusFunction ? truthy(v) : context.success() && truthy(v);
    }

    static Object evaluate(String expr, Context context) {
        return new GithubExpressions(context, expr).parseAll();
    }

    private Object parseAll() {
        Object v = or();
        if (pos != tokens.size()) {
            throw new AssertionError("expression not understood by the CI harness: '" + source.strip() + "' at '"
                    + tokens.get(pos) + "'");
        }
        return v;
    }

    private Object or() {
        Object left = and();
        while (accept("||")) {
            Object right = and();
            left = truthy(left) ? left : right;
        }
        return left;
    }

    private Object and() {
        Object left = unary();
        while (accept("&&")) {
            Object right = unary();
            left = truthy(left) ? right : left;
        }
        return left;
    }

    private Object unary() {
        if (accept("!")) {
            return !truthy(unary());
        }
        Object left = primary();
        if (accept("==")) {
            return looselyEqual(left, primary());
        }
        if (accept("!=")) {
            return !looselyEqual(left, primary());
        }
        return left;
    }

    private Object primary() {
        if (pos >= tokens.size()) {
            throw new AssertionError("expression ends early: '" + source.strip() + "'");
        }
        String t = tokens.get(pos++);
        if (t.equals("(")) {
            Object v = or();
            expect(")");
            return v;
        }
        if (t.startsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if (t.matches("-?\\d+(\\.\\d+)?")) {
            return Double.parseDouble(t);
        }
        switch (t) {
            case "true":
                return true;
            case "false":
                return false;
            case "null":
                return null;
            default:
                break;
        }
        if (accept("(")) {
            expect(")");
            usedStatusFunction = true;
            switch (t) {
                case "always":
                    return true;
                case "success":
                    return context.success();
                case "failure":
                    return !context.success();
                case "cancelled":
                    return false;
                default:
                    throw new AssertionError("function not emulated by the CI harness: " + t + "() in '"
                            + source.strip() + "'");
            }
        }
        if (!t.matches("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*")) {
            throw new AssertionError("expression not understood by the CI harness: '" + source.strip() + "' at '" + t
                    + "'");
        }
        return context.lookup(t);
    }

    private boolean accept(String t) {
        if (pos < tokens.size() && tokens.get(pos).equals(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!accept(t)) {
            throw new AssertionError("expected '" + t + "' in '" + source.strip() + "'");
        }
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw new AssertionError("unterminated string in '" + s + "'");
                    }
                    if (s.charAt(j) == '\'') {
                        if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else if (s.startsWith("==", i) || s.startsWith("!=", i) || s.startsWith("&&", i)
                    || s.startsWith("||", i)) {
                out.add(s.substring(i, i + 2));
                i += 2;
            } else if ("()!".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "()!=&|'".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                if (j == i) {
                    throw new AssertionError("expression not understood by the CI harness: '" + s + "' at " + i);
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        return !v.toString().isEmpty();
    }

    private static boolean looselyEqual(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.toLowerCase(Locale.ROOT).equals(y.toLowerCase(Locale.ROOT));
        }
        if (a == null && b == null) {
            return true;
        }
        if (a != null && b != null && a.getClass() == b.getClass()) {
            return a.equals(b);
        }
        return number(a) == number(b);
    }

    private static double number(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Double d) {
            return d;
        }
        String s = v.toString().strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String asString(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
        }
        return v.toString();
    }
}
