package dev.lockstep.planner.hcl.parser;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.ConditionalExpr;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.LiteralExpr;
import dev.lockstep.planner.hcl.ast.TemplateExpr;
import dev.lockstep.planner.hcl.ast.TemplateForExpr;
import dev.lockstep.planner.hcl.ast.TemplateWrapExpr;
import dev.lockstep.planner.hcl.lexer.Token;
import dev.lockstep.planner.hcl.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses quoted strings and heredocs into template expressions. Works in two steps as HCL does:
 * first a flat list of parts (literals, interpolations and directives, with their {@code ~}
 * strip markers applied and heredoc indentation removed), then the nesting of {@code %{if}} and
 * {@code %{for}} directives into a tree.
 *
 * <p>Its length is the template grammar (strip markers, heredoc indentation, directives) kept in
 * one place, as in HCL's own template parser.
 */
final class TemplateParser {

    private final TokenStream tokens;
    private final Diagnostics diags;
    private final ExpressionParser exprs;

    /** Deepest nesting of %{if} and %{for} directives accepted, so that hostile input cannot overflow the stack. */
    private static final int MAX_NESTING = 500;
    private int nesting;

    TemplateParser(TokenStream tokens, Diagnostics diags, ExpressionParser exprs) {
        this.tokens = tokens;
        this.diags = diags;
        this.exprs = exprs;
    }

    /** One element of the flat part list. */
    private abstract static class Part {
        final SourceRange range;
        boolean stripBefore;
        boolean stripAfter;

        Part(SourceRange range) {
            this.range = range;
        }
    }

    private static final class Lit extends Part {
        String text;
        final boolean lineStart;

        Lit(String text, SourceRange range, boolean lineStart) {
            super(range);
            this.text = text;
            this.lineStart = lineStart;
        }
    }

    private static final class Interp extends Part {
        final Expression expr;

        Interp(Expression expr, SourceRange range) {
            super(range);
            this.expr = expr;
        }
    }

    private static final class Directive extends Part {
        final String keyword; // if, else, endif, for, endfor
        final Expression expr;
        final String keyVar;
        final String valueVar;

        Directive(String keyword, Expression expr, String keyVar, String valueVar, SourceRange range) {
            super(range);
            this.keyword = keyword;
            this.expr = expr;
            this.keyVar = keyVar;
            this.valueVar = valueVar;
        }
    }

    // ------------------------------------------------------------------ entry points

    Expression parseQuoted() {
        Token open = tokens.next();
        tokens.pushNewlines(true);
        try {
            List<Part> parts = new ArrayList<>();
            while (true) {
                Token t = tokens.peek();
                if (t.type() == TokenType.CQUOTE) {
                    tokens.next();
                    break;
                }
                if (t.type() == TokenType.QUOTED_LIT) {
                    tokens.next();
                    String text = unescape(t);
                    parts.add(new Lit(text, tokens.range(t), false));
                } else if (t.type() == TokenType.TEMPLATE_INTERP || t.type() == TokenType.TEMPLATE_CONTROL) {
                    Part p = parseSequence();
                    if (p == null) {
                        return failed(open);
                    }
                    parts.add(p);
                } else {
                    // EOF or a stray token; the lexer has already reported an unterminated string
                    return exprs.fail("Unterminated template string", "No closing quote was found for this string.",
                            tokens.range(open));
                }
            }
            return build(parts, tokens.rangeFrom(open), true);
        } finally {
            tokens.popNewlines();
        }
    }

    /** A whole input that is template text (the lexer was made with {@code Lexer.forTemplate}). */
    Expression parseBare() {
        return parseHeredocBody(null, false);
    }

    Expression parseHeredoc() {
        Token open = tokens.next();
        return parseHeredocBody(open, open.strip());
    }

    private Expression parseHeredocBody(Token open, boolean indented) {
        Token first = tokens.peek();
        tokens.pushNewlines(true);
        try {
            List<Part> parts = new ArrayList<>();
            while (true) {
                Token t = tokens.peek();
                if (t.type() == TokenType.CHEREDOC) {
                    tokens.next();
                    break;
                }
                if (t.type() == TokenType.STRING_LIT) {
                    tokens.next();
                    String text = t.text().replace("$${", "${").replace("%%{", "%{");
                    parts.add(new Lit(text, tokens.range(t), t.start().column() == 1));
                } else if (t.type() == TokenType.TEMPLATE_INTERP || t.type() == TokenType.TEMPLATE_CONTROL) {
                    boolean lineStart = t.start().column() == 1;
                    Part p = parseSequence();
                    if (p == null) {
                        return failed(open == null ? t : open);
                    }
                    if (lineStart) {
                        parts.add(new Lit("", SourceRange.at(tokens.file(), t.start()), true));
                    }
                    parts.add(p);
                } else if (open == null) {
                    return exprs.fail("Invalid template", "Unexpected " + t.type().display() + " in template.",
                            tokens.range(t));
                } else {
                    return exprs.fail("Unterminated template string", "The heredoc started here has no closing \""
                            + open.text() + "\" line.", tokens.range(open));
                }
            }
            if (indented) {
                removeIndentation(parts);
            }
            return build(parts, tokens.rangeFrom(open == null ? first : open), false);
        } finally {
            tokens.popNewlines();
        }
    }

    private Expression failed(Token open) {
        return exprs.fail("Invalid template", "This template could not be parsed.", tokens.range(open));
    }

    // ------------------------------------------------------------------ sequences

    /** Parses {@code ${ expr }} or {@code %{ directive }}; null after an error (already reported). */
    private Part parseSequence() {
        Token open = tokens.next();
        boolean stripBefore = open.strip();
        tokens.pushNewlines(false);
        try {
            Part part;
            if (open.type() == TokenType.TEMPLATE_INTERP) {
                Expression e = exprs.parseExpression();
                if (exprs.failed()) {
                    return null;
                }
                part = new Interp(e, null);
            } else {
                part = parseDirective(open);
                if (part == null) {
                    return null;
                }
            }
            Token close = tokens.peek();
            if (close.type() != TokenType.TEMPLATE_SEQ_END) {
                boolean interp = open.type() == TokenType.TEMPLATE_INTERP;
                if (close.type() == TokenType.EOF || close.type() == TokenType.OQUOTE
                        || close.type() == TokenType.CQUOTE) {
                    exprs.fail(interp ? "Unclosed template interpolation sequence" : "Unclosed template directive",
                            "There is no closing brace for this " + (interp ? "interpolation sequence" : "directive")
                            + " before the end of the " + (close.type() == TokenType.EOF ? "file" : "quoted template")
                            + ". This might be caused by incorrect nesting inside the given expression.",
                            tokens.range(open));
                    return null;
                }
                exprs.fail(interp ? "Extra characters after interpolation expression"
                        : "Extra characters in template directive", "Expected a closing brace to end the "
                        + (interp ? "interpolation" : "directive") + "; found " + close.type().display() + ". If this "
                        + "is a sequence for another language (such as shell), escape it by writing \"$${\" instead "
                        + "of \"${\".", tokens.range(close));
                return null;
            }
            tokens.next();
            SourceRange range = tokens.rangeFrom(open);
            Part p = part instanceof Interp i ? new Interp(i.expr, range)
                    : copyDirective((Directive) part, range);
            p.stripBefore = stripBefore;
            p.stripAfter = close.strip();
            return p;
        } finally {
            tokens.popNewlines();
        }
    }

    private static Directive copyDirective(Directive d, SourceRange range) {
        return new Directive(d.keyword, d.expr, d.keyVar, d.valueVar, range);
    }

    private Part parseDirective(Token open) {
        Token kw = tokens.peek();
        if (kw.type() != TokenType.IDENT) {
            exprs.fail("Invalid template directive", "A template directive keyword (\"if\", \"for\", etc) is expected "
                    + "at the beginning of a %{ sequence; found " + kw.type().display() + ".", tokens.range(kw));
            return null;
        }
        tokens.next();
        switch (kw.text()) {
            case "if": {
                Expression cond = exprs.parseExpression();
                return exprs.failed() ? null : new Directive("if", cond, null, null, null);
            }
            case "else":
            case "endif":
            case "endfor":
                return new Directive(kw.text(), null, null, null, null);
            case "for": {
                Token first = tokens.peek();
                if (first.type() != TokenType.IDENT) {
                    exprs.fail("Invalid template directive", "A variable name is required after \"for\".",
                            tokens.range(first));
                    return null;
                }
                tokens.next();
                String keyVar = null;
                String valueVar = first.text();
                if (tokens.accept(TokenType.COMMA)) {
                    Token second = tokens.peek();
                    if (second.type() != TokenType.IDENT) {
                        exprs.fail("Invalid template directive", "A value variable name is required after the comma.",
                                tokens.range(second));
                        return null;
                    }
                    tokens.next();
                    keyVar = first.text();
                    valueVar = second.text();
                }
                if (!tokens.atIdent("in")) {
                    Token t = tokens.peek();
                    exprs.fail("Invalid template directive", "The \"in\" keyword is required after the variable "
                            + "names, as in \"%{for x in list}\".", tokens.range(t));
                    return null;
                }
                tokens.next();
                Expression coll = exprs.parseExpression();
                return exprs.failed() ? null : new Directive("for", coll, keyVar, valueVar, null);
            }
            default:
                exprs.fail("Invalid template directive", "\"" + kw.text() + "\" is not a template directive; the "
                        + "directives are if, else, endif, for and endfor.", tokens.range(kw));
                return null;
        }
    }

    // ------------------------------------------------------------------ building

    private Expression build(List<Part> parts, SourceRange range, boolean quoted) {
        applyStripMarkers(parts);
        // a quoted template that is exactly one interpolation yields the value itself
        if (quoted && parts.size() == 1 && parts.get(0) instanceof Interp i) {
            return new TemplateWrapExpr(i.expr, range);
        }
        int[] pos = {0};
        List<Expression> exprList = buildSequence(parts, pos, null);
        if (exprList == null) {
            return exprs.fail("Invalid template", "The template directives are not balanced.", range);
        }
        if (pos[0] < parts.size()) {
            Directive d = (Directive) parts.get(pos[0]);
            return exprs.fail("Unexpected " + d.keyword + " directive", "There is no matching opening directive for "
                    + "this \"" + d.keyword + "\".", d.range);
        }
        return new TemplateExpr(exprList, range);
    }

    /** Builds parts until one of the closers of {@code opener} (or the end); null after an error. */
    private List<Expression> buildSequence(List<Part> parts, int[] pos, Directive opener) {
        List<Expression> out = new ArrayList<>();
        while (pos[0] < parts.size()) {
            Part p = parts.get(pos[0]);
            if (p instanceof Lit l) {
                pos[0]++;
                if (!l.text.isEmpty()) {
                    out.add(new LiteralExpr(Value.string(l.text), l.range));
                }
            } else if (p instanceof Interp i) {
                pos[0]++;
                out.add(i.expr);
            } else {
                Directive d = (Directive) p;
                if ((d.keyword.equals("if") || d.keyword.equals("for")) && nesting >= MAX_NESTING) {
                    exprs.fail("Template directives too deeply nested", "The %{if} and %{for} directives of a "
                            + "template may nest at most " + MAX_NESTING + " levels deep.", d.range);
                    return null;
                }
                switch (d.keyword) {
                    case "if": {
                        pos[0]++;
                        nesting++;
                        List<Expression> thenParts;
                        try {
                            thenParts = buildSequence(parts, pos, d);
                        } finally {
                            nesting--;
                        }
                        if (thenParts == null) {
                            return null;
                        }
                        List<Expression> elseParts = List.of();
                        Directive closer = (Directive) parts.get(pos[0]);
                        SourceRange elseRange = closer.range;
                        if (closer.keyword.equals("else")) {
                            pos[0]++;
                            nesting++;
                            try {
                                elseParts = buildSequence(parts, pos, closer);
                            } finally {
                                nesting--;
                            }
                            if (elseParts == null) {
                                return null;
                            }
                            closer = (Directive) parts.get(pos[0]);
                        }
                        if (!closer.keyword.equals("endif")) {
                            exprs.fail("Unexpected " + closer.keyword + " directive", "Expected an endif to close the "
                                    + "if directive started here.", d.range);
                            return null;
                        }
                        pos[0]++;
                        SourceRange whole = d.range.to(closer.range);
                        out.add(new ConditionalExpr(d.expr, new TemplateExpr(thenParts, d.range),
                                new TemplateExpr(elseParts, elseRange), whole));
                        break;
                    }
                    case "for": {
                        pos[0]++;
                        nesting++;
                        List<Expression> body;
                        try {
                            body = buildSequence(parts, pos, d);
                        } finally {
                            nesting--;
                        }
                        if (body == null) {
                            return null;
                        }
                        Directive closer = (Directive) parts.get(pos[0]);
                        if (!closer.keyword.equals("endfor")) {
                            exprs.fail("Unexpected " + closer.keyword + " directive", "Expected an endfor to close the "
                                    + "for directive started here.", d.range);
                            return null;
                        }
                        pos[0]++;
                        out.add(new TemplateForExpr(d.keyVar, d.valueVar, d.expr, new TemplateExpr(body, d.range),
                                d.range.to(closer.range)));
                        break;
                    }
                    default: {
                        // else / endif / endfor: ends the current sequence if it belongs to the opener
                        boolean belongs = opener != null && (opener.keyword.equals("if")
                                && (d.keyword.equals("else") || d.keyword.equals("endif"))
                                || opener.keyword.equals("else") && d.keyword.equals("endif")
                                || opener.keyword.equals("for") && d.keyword.equals("endfor"));
                        if (belongs) {
                            return out;
                        }
                        if (opener == null) {
                            return out; // caller reports the stray directive
                        }
                        SourcePos o = opener.range.start();
                        exprs.fail("Unexpected " + d.keyword + " directive", "Expected "
                                + (opener.keyword.equals("for") ? "an endfor" : "an endif") + " directive to close the "
                                + opener.keyword + " directive started at " + opener.range.file() + ":" + o.line() + ","
                                + o.column() + ".", d.range);
                        return null;
                    }
                }
            }
        }
        if (opener != null) {
            String need = opener.keyword.equals("for") ? "endfor" : "endif";
            exprs.fail("Unterminated template directive", "This \"" + opener.keyword + "\" directive has no matching %{"
                    + need + "}.", opener.range);
            return null;
        }
        return out;
    }

    private static void applyStripMarkers(List<Part> parts) {
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (p instanceof Lit) {
                continue;
            }
            if (p.stripBefore && i > 0 && parts.get(i - 1) instanceof Lit l) {
                l.text = stripTrailing(l.text);
            }
            if (p.stripAfter && i + 1 < parts.size() && parts.get(i + 1) instanceof Lit l) {
                l.text = stripLeading(l.text);
            }
        }
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }

    /** For {@code <<-} heredocs: removes the smallest indentation shared by every non-blank line. */
    private static void removeIndentation(List<Part> parts) {
        int min = Integer.MAX_VALUE;
        for (Part p : parts) {
            if (p instanceof Lit l && l.lineStart) {
                String t = l.text;
                if (t.equals("\n") || t.equals("\r\n")) {
                    continue; // blank lines do not count
                }
                int n = 0;
                while (n < t.length() && (t.charAt(n) == ' ' || t.charAt(n) == '\t')) {
                    n++;
                }
                if (n == t.length() && !t.isEmpty()) {
                    continue;
                }
                min = Math.min(min, n);
            }
        }
        if (min == Integer.MAX_VALUE || min == 0) {
            return;
        }
        for (Part p : parts) {
            if (p instanceof Lit l && l.lineStart) {
                int n = 0;
                while (n < l.text.length() && n < min && (l.text.charAt(n) == ' ' || l.text.charAt(n) == '\t')) {
                    n++;
                }
                l.text = l.text.substring(n);
            }
        }
    }

    // ------------------------------------------------------------------ escapes

    /** Processes the escapes of a quoted-string literal, reporting bad ones at their exact column. */
    private String unescape(Token t) {
        String raw = t.text();
        if (raw.indexOf('\\') < 0 && raw.indexOf("{") < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if ((c == '$' || c == '%') && raw.startsWith(c + "" + c + "{", i)) {
                sb.append(c).append('{');
                i += 3;
                continue;
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= raw.length()) {
                escapeError(t, i, 1, "Invalid escape sequence", "A backslash at the end of a string must be escaped "
                        + "as \"\\\\\".");
                return raw;
            }
            char e = raw.charAt(i + 1);
            switch (e) {
                case 'n':
                    sb.append('\n');
                    i += 2;
                    break;
                case 'r':
                    sb.append('\r');
                    i += 2;
                    break;
                case 't':
                    sb.append('\t');
                    i += 2;
                    break;
                case '"':
                    sb.append('"');
                    i += 2;
                    break;
                case '\\':
                    sb.append('\\');
                    i += 2;
                    break;
                case 'u':
                case 'U': {
                    int len = e == 'u' ? 4 : 8;
                    int cp = hex(raw, i + 2, len);
                    if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        escapeError(t, i, Math.min(2 + len, raw.length() - i), "Invalid escape sequence",
                                "The \\" + e + " escape requires exactly " + len + " hexadecimal digits naming a "
                                + "Unicode character, as in \"\\u00e9\".");
                        return raw;
                    }
                    sb.appendCodePoint(cp);
                    i += 2 + len;
                    break;
                }
                default:
                    escapeError(t, i, 2, "Invalid escape sequence", "The symbol \"" + e + "\" is not a valid escape "
                            + "sequence selector. The valid escapes are \\n, \\r, \\t, \\\", \\\\, \\uNNNN and "
                            + "\\UNNNNNNNN; write \"\\\\\" for a literal backslash.");
                    return raw;
            }
        }
        return sb.toString();
    }

    private static int hex(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private void escapeError(Token t, int index, int len, String summary, String detail) {
        SourcePos s = t.start();
        int col = s.column() + codePoints(t.text(), index);
        SourcePos start = new SourcePos(s.line(), col, s.offset() + index);
        SourcePos end = new SourcePos(s.line(), s.column() + codePoints(t.text(), index + len), s.offset() + index + len);
        exprs.fail(summary, detail, new SourceRange(tokens.file(), start, end));
    }

    private static int codePoints(String s, int end) {
        return s.codePointCount(0, end);
    }
}
