package dev.lockstep.planner.hcl.parser;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.NumberSyntax;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.AnonSymbolExpr;
import dev.lockstep.planner.hcl.ast.BinaryOpExpr;
import dev.lockstep.planner.hcl.ast.ConditionalExpr;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.ForExpr;
import dev.lockstep.planner.hcl.ast.FunctionCallExpr;
import dev.lockstep.planner.hcl.ast.IndexExpr;
import dev.lockstep.planner.hcl.ast.LiteralExpr;
import dev.lockstep.planner.hcl.ast.NumberSize;
import dev.lockstep.planner.hcl.ast.ObjectConsExpr;
import dev.lockstep.planner.hcl.ast.ObjectKeyExpr;
import dev.lockstep.planner.hcl.ast.Operator;
import dev.lockstep.planner.hcl.ast.ParenthesesExpr;
import dev.lockstep.planner.hcl.ast.RelativeTraversalExpr;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.ast.SplatExpr;
import dev.lockstep.planner.hcl.ast.TemplateExpr;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.ast.TupleConsExpr;
import dev.lockstep.planner.hcl.ast.UnaryOpExpr;
import dev.lockstep.planner.hcl.lexer.Token;
import dev.lockstep.planner.hcl.lexer.TokenType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses expressions with HCL's precedence: conditional, then {@code ||}, {@code &&}, equality,
 * comparison, additive, multiplicative, then unary operators, then postfix attribute, index and
 * splat steps on a primary expression. After the first error in an expression it sets
 * {@link #failed()} so that the caller can skip the rest of the line instead of cascading.
 *
 * <p>One class for the whole expression grammar on purpose: it is a recursive-descent parser with
 * one method per precedence level, which is easiest to check against HCL's spec when read in order.
 */
final class ExpressionParser {

    /** Deepest nesting accepted, so that hostile input cannot overflow the stack. */
    private static final int MAX_DEPTH = 500;

    private final TokenStream tokens;
    private final Diagnostics diags;
    private final TemplateParser templates;
    private boolean failed;
    private int depth;

    ExpressionParser(TokenStream tokens, Diagnostics diags) {
        this.tokens = tokens;
        this.diags = diags;
        this.templates = new TemplateParser(tokens, diags, this);
    }

    boolean failed() {
        return failed;
    }

    void resetFailure() {
        failed = false;
    }

    /** Reports an error unless one was already reported for this expression. */
    Expression fail(String summary, String detail, SourceRange range) {
        if (!failed) {
            diags.error(summary, detail, range);
        }
        failed = true;
        return new LiteralExpr(Value.DYNAMIC_UNKNOWN, range);
    }

    Expression parseBareTemplate() {
        return templates.parseBare();
    }

    Expression parseExpression() {
        if (++depth > MAX_DEPTH) {
            depth--;
            Token t = tokens.peek();
            return fail("Expression too deeply nested", "Expressions may nest at most " + MAX_DEPTH + " levels deep.",
                    tokens.range(t));
        }
        try {
            Expression cond = parseBinary(1);
            if (failed || !tokens.at(TokenType.QUESTION)) {
                return cond;
            }
            tokens.next();
            Expression t = parseExpression();
            if (failed) {
                return t;
            }
            Token colon = tokens.peek();
            if (colon.type() != TokenType.COLON) {
                return fail("Missing false expression in conditional", "The conditional operator (...?...:...) "
                        + "requires a false expression, delimited by a colon; found " + colon.type().display() + ".",
                        tokens.range(colon));
            }
            tokens.next();
            Expression f = parseExpression();
            return new ConditionalExpr(cond, t, f, cond.range().to(f.range()));
        } finally {
            depth--;
        }
    }

    private Expression parseBinary(int minPrecedence) {
        Expression lhs = parseUnary();
        int chained = 0; // each operator of a chain nests the tree one level deeper
        try {
            while (!failed) {
                Operator op = binaryOperator(tokens.peek().type());
                if (op == null || op.precedence() < minPrecedence) {
                    break;
                }
                Token opToken = tokens.next();
                chained++;
                if (++depth > MAX_DEPTH) {
                    return fail("Expression too deeply nested", "Expressions may nest at most " + MAX_DEPTH
                            + " levels deep, and each operator in a chain such as a + b + c counts as a level.",
                            tokens.range(opToken));
                }
                Expression rhs = parseBinary(op.precedence() + 1);
                lhs = new BinaryOpExpr(op, lhs, rhs, lhs.range().to(rhs.range()));
            }
            return lhs;
        } finally {
            depth -= chained;
        }
    }

    private static Operator binaryOperator(TokenType t) {
        switch (t) {
            case OR:
                return Operator.OR;
            case AND:
                return Operator.AND;
            case EQUAL_EQUAL:
                return Operator.EQUAL;
            case NOT_EQUAL:
                return Operator.NOT_EQUAL;
            case LESS:
                return Operator.LESS;
            case GREATER:
                return Operator.GREATER;
            case LESS_EQUAL:
                return Operator.LESS_EQUAL;
            case GREATER_EQUAL:
                return Operator.GREATER_EQUAL;
            case PLUS:
                return Operator.ADD;
            case MINUS:
                return Operator.SUBTRACT;
            case STAR:
                return Operator.MULTIPLY;
            case SLASH:
                return Operator.DIVIDE;
            case PERCENT:
                return Operator.MODULO;
            default:
                return null;
        }
    }

    private Expression parseUnary() {
        Token t = tokens.peek();
        if (t.type() == TokenType.MINUS || t.type() == TokenType.BANG) {
            tokens.next();
            if (++depth > MAX_DEPTH) {
                depth--;
                return fail("Expression too deeply nested", "Expressions may nest at most " + MAX_DEPTH
                        + " levels deep.", tokens.range(t));
            }
            try {
                Expression operand = parseUnary();
                Operator op = t.type() == TokenType.MINUS ? Operator.NEGATE : Operator.NOT;
                return new UnaryOpExpr(op, operand, tokens.range(t).to(operand.range()));
            } finally {
                depth--;
            }
        }
        Expression primary = parsePrimary();
        if (failed) {
            return primary;
        }
        return parsePostfix(primary, false);
    }

    private Expression parsePrimary() {
        Token t = tokens.peek();
        switch (t.type()) {
            case NUMBER: {
                tokens.next();
                BigDecimal n = NumberSyntax.parse(t.text());
                if (n == null) {
                    return fail("Invalid number literal", "\"" + t.text() + "\" is not a valid number.", tokens.range(t));
                }
                if (NumberSize.tooLarge(n)) {
                    return fail("Invalid number literal", "\"" + t.text() + "\" has more than " + NumberSize.MAX_DIGITS
                            + " digits when written out in full, which is more than lockstep supports.",
                            tokens.range(t));
                }
                return new LiteralExpr(Value.number(n), tokens.range(t));
            }
            case IDENT:
                return parseIdentStart();
            case OPAREN: {
                tokens.next();
                tokens.pushNewlines(false);
                try {
                    Expression inner = parseExpression();
                    if (failed) {
                        return inner;
                    }
                    Token close = tokens.peek();
                    if (close.type() != TokenType.CPAREN) {
                        return fail("Unbalanced parentheses", "Expected a closing parenthesis to terminate the "
                                + "expression; found " + close.type().display() + ".", tokens.range(close));
                    }
                    tokens.next();
                    return new ParenthesesExpr(inner, tokens.rangeFrom(t));
                } finally {
                    tokens.popNewlines();
                }
            }
            case OQUOTE:
                return templates.parseQuoted();
            case OHEREDOC:
                return templates.parseHeredoc();
            case OBRACK:
                return parseTupleOrFor();
            case OBRACE:
                return parseObjectOrFor();
            case INVALID:
                tokens.next();
                failed = true; // already reported by the lexer
                return new LiteralExpr(Value.DYNAMIC_UNKNOWN, tokens.range(t));
            case EOF:
                return fail("Missing expression", "Expected the start of an expression, but the file ended.",
                        tokens.range(t));
            case NEWLINE:
                return fail("Missing expression", "Expected the start of an expression, but found the end of the "
                        + "line.", tokens.range(t));
            default:
                return fail("Invalid expression", "Expected the start of an expression, but found "
                        + t.type().display() + ".", tokens.range(t));
        }
    }

    private Expression parseIdentStart() {
        Token name = tokens.next();
        if (tokens.at(TokenType.OPAREN)) {
            return parseFunctionCall(name);
        }
        switch (name.text()) {
            case "true":
                return new LiteralExpr(Value.TRUE, tokens.range(name));
            case "false":
                return new LiteralExpr(Value.FALSE, tokens.range(name));
            case "null":
                return new LiteralExpr(Value.NULL, tokens.range(name));
            default:
                return new ScopeTraversalExpr(new Traversal(name.text(), tokens.range(name), List.of()),
                        tokens.range(name));
        }
    }

    private Expression parseFunctionCall(Token name) {
        Token open = tokens.next();
        tokens.pushNewlines(false);
        try {
            List<Expression> args = new ArrayList<>();
            boolean expand = false;
            while (!tokens.at(TokenType.CPAREN)) {
                if (tokens.at(TokenType.EOF)) {
                    return fail("Unterminated function call", "There is no closing parenthesis for this call to \""
                            + name.text() + "\".", tokens.range(open));
                }
                Expression arg = parseExpression();
                if (failed) {
                    return arg;
                }
                args.add(arg);
                if (tokens.at(TokenType.ELLIPSIS)) {
                    tokens.next();
                    expand = true;
                    if (!tokens.at(TokenType.CPAREN)) {
                        Token t = tokens.peek();
                        return fail("Missing closing parenthesis", "An expanded function argument (with \"...\") must "
                                + "be immediately followed by closing parentheses.", tokens.range(t));
                    }
                    break;
                }
                Token sep = tokens.peek();
                if (sep.type() == TokenType.COMMA) {
                    tokens.next();
                } else if (sep.type() != TokenType.CPAREN) {
                    if (sep.type() == TokenType.EOF) {
                        return fail("Unterminated function call", "There is no closing parenthesis for this call to \""
                                + name.text() + "\".", tokens.range(open));
                    }
                    return fail("Missing argument separator", "A comma is required to separate each function "
                            + "argument from the next; found " + sep.type().display() + ".", tokens.range(sep));
                }
            }
            tokens.next();
            return new FunctionCallExpr(name.text(), args, expand, tokens.range(name), tokens.rangeFrom(name));
        } finally {
            tokens.popNewlines();
        }
    }

    // ------------------------------------------------------------------ postfix: traversal, index, splat

    private Expression parsePostfix(Expression from, boolean attrSplatOnly) {
        Expression cur = from;
        // steps are collected and added to cur in one go: adding them one by one copies the list each time
        List<Traversal.Step> pending = new ArrayList<>();
        while (!failed) {
            Token t = tokens.peek();
            if (t.type() == TokenType.DOT) {
                Token n = tokens.peek(1);
                if (n.type() == TokenType.IDENT) {
                    tokens.next();
                    tokens.next();
                    pending.add(new Traversal.Attr(n.text(), tokens.range(t).to(tokens.range(n))));
                } else if (n.type() == TokenType.NUMBER) {
                    tokens.next();
                    tokens.next();
                    Expression bad = legacyIndex(pending, t, n);
                    if (bad != null) {
                        return bad;
                    }
                } else if (n.type() == TokenType.STAR) {
                    tokens.next();
                    tokens.next();
                    if (attrSplatOnly) {
                        return fail("Nested splat expression not allowed", "A splat expression (*) cannot be used "
                                + "inside another attribute-only splat expression.", tokens.range(t).to(tokens.range(n)));
                    }
                    cur = parseSplat(addSteps(cur, pending), false, tokens.range(t).to(tokens.range(n)));
                } else {
                    tokens.next();
                    return fail("Invalid attribute name", "An attribute name is required after a dot; found "
                            + n.type().display() + ".", tokens.range(n));
                }
            } else if (t.type() == TokenType.OBRACK) {
                if (attrSplatOnly) {
                    return addSteps(cur, pending);
                }
                if (tokens.peek(1).type() == TokenType.STAR && tokens.peek(2).type() == TokenType.CBRACK) {
                    tokens.next();
                    tokens.next();
                    Token close = tokens.next();
                    cur = parseSplat(addSteps(cur, pending), true, tokens.range(t).to(tokens.range(close)));
                    continue;
                }
                if (tokens.peek(1).type() == TokenType.STAR) {
                    Token after = tokens.peek(2);
                    return fail("Missing close bracket on splat index", "The star for a full splat operator must be "
                            + "immediately followed by a closing bracket (\"]\"); found " + after.type().display() + ".",
                            tokens.range(after));
                }
                tokens.next();
                tokens.pushNewlines(false);
                Expression key;
                try {
                    key = parseExpression();
                    if (failed) {
                        return key;
                    }
                    Token close = tokens.peek();
                    if (close.type() != TokenType.CBRACK) {
                        return fail("Missing close bracket on index", "The index operator must end with a closing "
                                + "bracket (\"]\"); found " + close.type().display() + ".", tokens.range(close));
                    }
                    tokens.next();
                } finally {
                    tokens.popNewlines();
                }
                SourceRange range = tokens.range(t).to(tokens.range(tokens.last()));
                if (key instanceof LiteralExpr lit) {
                    pending.add(new Traversal.Index(lit.value(), range));
                } else if (key instanceof TemplateExpr te && te.isLiteral()) {
                    pending.add(new Traversal.Index(((LiteralExpr) te.parts().get(0)).value(), range));
                } else {
                    cur = addSteps(cur, pending);
                    cur = new IndexExpr(cur, key, cur.range().to(range), range);
                }
            } else {
                return addSteps(cur, pending);
            }
        }
        return addSteps(cur, pending);
    }

    /** {@code cur} followed by the {@code pending} steps (which are then cleared). */
    private static Expression addSteps(Expression cur, List<Traversal.Step> pending) {
        if (pending.isEmpty()) {
            return cur;
        }
        SourceRange last = pending.get(pending.size() - 1).range();
        Expression out;
        if (cur instanceof ScopeTraversalExpr s) {
            List<Traversal.Step> steps = new ArrayList<>(s.traversal().steps());
            steps.addAll(pending);
            out = new ScopeTraversalExpr(new Traversal(s.traversal().root(), s.traversal().rootRange(), steps),
                    s.range().to(last));
        } else if (cur instanceof RelativeTraversalExpr r) {
            List<Traversal.Step> steps = new ArrayList<>(r.steps());
            steps.addAll(pending);
            out = new RelativeTraversalExpr(r.source(), steps, r.range().to(last));
        } else {
            out = new RelativeTraversalExpr(cur, pending, cur.range().to(last));
        }
        pending.clear();
        return out;
    }

    /**
     * {@code x.0} (and {@code x.0.1}, which the lexer reads as the number {@code 0.1}): adds the
     * index steps to {@code pending}; returns null, or the failed expression after an error.
     */
    private Expression legacyIndex(List<Traversal.Step> pending, Token dot, Token number) {
        String text = number.text();
        for (String part : text.split("\\.")) {
            if (part.isEmpty() || !part.chars().allMatch(Character::isDigit)) {
                return fail("Invalid legacy index syntax", "An index after a dot must be a whole number, as in "
                        + "\"x.0\"; prefer the bracket form \"x[0]\".", tokens.range(number));
            }
            pending.add(new Traversal.Index(Value.number(new BigDecimal(part)),
                    tokens.range(dot).to(tokens.range(number))));
        }
        return null;
    }

    private Expression parseSplat(Expression source, boolean full, SourceRange marker) {
        if (++depth > MAX_DEPTH) {
            depth--;
            return fail("Expression too deeply nested", "Expressions may nest at most " + MAX_DEPTH + " levels deep, "
                    + "and each splat ([*]) counts as a level.", marker);
        }
        try {
            AnonSymbolExpr item = new AnonSymbolExpr(marker);
            Expression each = parsePostfix(item, !full);
            SourceRange range = source.range().to(each == item ? marker : each.range());
            return new SplatExpr(source, each, item, full, range, marker);
        } finally {
            depth--;
        }
    }

    // ------------------------------------------------------------------ collections

    private Expression parseTupleOrFor() {
        Token open = tokens.next();
        tokens.pushNewlines(false);
        try {
            if (tokens.atIdent("for") && tokens.peek(1).type() == TokenType.IDENT) {
                return parseFor(open, false);
            }
            List<Expression> elements = new ArrayList<>();
            while (!tokens.at(TokenType.CBRACK)) {
                if (tokens.at(TokenType.EOF)) {
                    return fail("Unterminated tuple constructor", "There is no closing bracket (\"]\") for this "
                            + "tuple before the end of the file.", tokens.range(open));
                }
                Expression e = parseExpression();
                if (failed) {
                    return e;
                }
                elements.add(e);
                Token sep = tokens.peek();
                if (sep.type() == TokenType.COMMA) {
                    tokens.next();
                } else if (sep.type() != TokenType.CBRACK) {
                    if (sep.type() == TokenType.EOF) {
                        return fail("Unterminated tuple constructor", "There is no closing bracket (\"]\") for this "
                                + "tuple before the end of the file.", tokens.range(open));
                    }
                    return fail("Missing item separator", "Expected a comma to mark the beginning of the next item; "
                            + "found " + sep.type().display() + ".", tokens.range(sep));
                }
            }
            tokens.next();
            return new TupleConsExpr(elements, tokens.rangeFrom(open));
        } finally {
            tokens.popNewlines();
        }
    }

    private Expression parseObjectOrFor() {
        Token open = tokens.next();
        tokens.pushNewlines(true);
        try {
            skipNewlines();
            if (tokens.atIdent("for") && tokens.peek(1).type() == TokenType.IDENT) {
                tokens.pushNewlines(false);
                try {
                    return parseFor(open, true);
                } finally {
                    tokens.popNewlines();
                }
            }
            List<ObjectConsExpr.Item> items = new ArrayList<>();
            while (true) {
                skipNewlines();
                Token t = tokens.peek();
                if (t.type() == TokenType.CBRACE) {
                    break;
                }
                if (t.type() == TokenType.EOF) {
                    return fail("Unterminated object constructor", "There is no closing brace (\"}\") for this object "
                            + "before the end of the file.", tokens.range(open));
                }
                Expression key;
                if (t.type() == TokenType.IDENT && (tokens.peek(1).type() == TokenType.EQUAL
                        || tokens.peek(1).type() == TokenType.COLON)) {
                    tokens.next();
                    key = new ObjectKeyExpr(new LiteralExpr(Value.string(t.text()), tokens.range(t)), t.text(),
                            tokens.range(t));
                } else {
                    tokens.pushNewlines(false);
                    try {
                        Expression k = parseKeyExpression();
                        if (failed) {
                            return k;
                        }
                        key = new ObjectKeyExpr(k, null, k.range());
                    } finally {
                        tokens.popNewlines();
                    }
                }
                Token eq = tokens.peek();
                if (eq.type() != TokenType.EQUAL && eq.type() != TokenType.COLON) {
                    return fail("Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning "
                            + "of the attribute value; found " + eq.type().display() + ".", tokens.range(eq));
                }
                tokens.next();
                Expression value = parseExpression();
                if (failed) {
                    return value;
                }
                items.add(new ObjectConsExpr.Item(key, value));
                Token sep = tokens.peek();
                if (sep.type() == TokenType.COMMA || sep.type() == TokenType.NEWLINE) {
                    tokens.next();
                } else if (sep.type() != TokenType.CBRACE) {
                    if (sep.type() == TokenType.EOF) {
                        return fail("Unterminated object constructor", "There is no closing brace (\"}\") for this "
                                + "object before the end of the file.", tokens.range(open));
                    }
                    return fail("Missing attribute separator", "Expected a newline or comma to mark the beginning of "
                            + "the next attribute; found " + sep.type().display() + ".", tokens.range(sep));
                }
            }
            tokens.next();
            return new ObjectConsExpr(items, tokens.rangeFrom(open));
        } finally {
            tokens.popNewlines();
        }
    }

    /** An object key: an expression up to the "=" or ":" (a conditional is not allowed unparenthesised). */
    private Expression parseKeyExpression() {
        if (++depth > MAX_DEPTH) {
            depth--;
            return fail("Expression too deeply nested", "Expressions may nest at most " + MAX_DEPTH + " levels deep.",
                    tokens.range(tokens.peek()));
        }
        try {
            return parseBinary(1);
        } finally {
            depth--;
        }
    }

    private void skipNewlines() {
        while (tokens.peek().type() == TokenType.NEWLINE) {
            tokens.next();
        }
    }

    private Expression parseFor(Token open, boolean object) {
        Token forKw = tokens.next();
        Token first = tokens.next();
        String keyVar = null;
        String valueVar = first.text();
        if (tokens.at(TokenType.COMMA)) {
            tokens.next();
            Token second = tokens.peek();
            if (second.type() != TokenType.IDENT) {
                return fail("Invalid 'for' expression", "The key/value pair of a 'for' expression needs two variable "
                        + "names, as in \"for k, v in ...\"; found " + second.type().display() + ".",
                        tokens.range(second));
            }
            tokens.next();
            keyVar = first.text();
            valueVar = second.text();
            if (keyVar.equals(valueVar)) {
                return fail("Invalid 'for' expression", "The key and value variables of a 'for' expression must have "
                        + "different names.", tokens.range(first).to(tokens.range(second)));
            }
        }
        if (!tokens.atIdent("in")) {
            Token t = tokens.peek();
            return fail("Invalid 'for' expression", "The 'in' keyword is required after the variable names, as in "
                    + "\"for x in list\"; found " + t.type().display() + ".", tokens.range(t));
        }
        tokens.next();
        Expression collection = parseExpression();
        if (failed) {
            return collection;
        }
        if (!tokens.at(TokenType.COLON)) {
            Token t = tokens.peek();
            return fail("Invalid 'for' expression", "A colon is required after the collection of a 'for' expression, "
                    + "before the result expression; found " + t.type().display() + ".", tokens.range(t));
        }
        tokens.next();
        Expression keyExpr = null;
        if (object) {
            keyExpr = parseExpression();
            if (failed) {
                return keyExpr;
            }
            if (!tokens.at(TokenType.FAT_ARROW)) {
                Token t = tokens.peek();
                return fail("Invalid 'for' expression", "An object 'for' expression needs a key and a value "
                        + "separated by \"=>\", as in \"{for k, v in m : k => v}\"; found " + t.type().display() + ".",
                        tokens.range(t));
            }
            tokens.next();
        }
        Expression valueExpr = parseExpression();
        if (failed) {
            return valueExpr;
        }
        boolean grouping = false;
        if (tokens.at(TokenType.ELLIPSIS)) {
            Token e = tokens.next();
            if (!object) {
                return fail("Invalid 'for' expression", "Grouping (\"...\") is only allowed in an object 'for' "
                        + "expression.", tokens.range(e));
            }
            grouping = true;
        }
        Expression cond = null;
        if (tokens.atIdent("if")) {
            tokens.next();
            cond = parseExpression();
            if (failed) {
                return cond;
            }
        }
        TokenType closeType = object ? TokenType.CBRACE : TokenType.CBRACK;
        Token close = tokens.peek();
        if (close.type() != closeType) {
            if (close.type() == TokenType.EOF) {
                return fail("Unterminated 'for' expression", "There is no closing " + closeType.display()
                        + " for this 'for' expression.", tokens.range(open));
            }
            return fail("Invalid 'for' expression", "Extra characters after the end of the 'for' expression: found "
                    + close.type().display() + " where " + closeType.display() + " was expected.", tokens.range(close));
        }
        tokens.next();
        return new ForExpr(keyVar, valueVar, collection, keyExpr, valueExpr, cond, grouping, tokens.rangeFrom(open),
                tokens.range(open).to(tokens.range(forKw)));
    }
}
