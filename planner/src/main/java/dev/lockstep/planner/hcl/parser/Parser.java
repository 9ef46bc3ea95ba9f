package dev.lockstep.planner.hcl.parser;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.LiteralExpr;
import dev.lockstep.planner.hcl.ast.TemplateExpr;
import dev.lockstep.planner.hcl.lexer.Lexer;
import dev.lockstep.planner.hcl.lexer.Token;
import dev.lockstep.planner.hcl.lexer.TokenType;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Recursive-descent parser for HCL's native syntax: a file is a body of attributes and blocks.
 * Every problem becomes a diagnostic with an exact range; after one, the parser skips to the end
 * of the current line (respecting bracket nesting) and carries on, so a file yields all its syntax
 * errors at once. A block whose closing brace is missing is an error, never silently dropped.
 */
public final class Parser {

    private final TokenStream tokens;
    private final Diagnostics diags;
    private final ExpressionParser exprs;
    /** The bracket depth at the start of the body item being parsed, where error recovery returns to. */
    private int itemMark;

    /** Deepest nesting of blocks accepted, so that hostile input cannot overflow the stack. */
    private static final int MAX_BLOCK_DEPTH = 500;
    private int blockDepth;
    /** Set when a too-deep block ran to the end of the file, which its enclosing blocks then need not repeat. */
    private boolean endedInsideTooDeepBlock;

    public Parser(String source, String file, Diagnostics diags) {
        this(new Lexer(source, file, diags), diags);
    }

    private Parser(Lexer lexer, Diagnostics diags) {
        this.tokens = new TokenStream(lexer);
        this.diags = diags;
        this.exprs = new ExpressionParser(tokens, diags);
    }

    /** Parses a whole file as a body. */
    public Body parseFile() {
        Token first = tokens.peek();
        List<Body.BodyItem> items = parseBodyItems(null);
        Token eof = tokens.peek();
        SourceRange range = new SourceRange(tokens.file(), SourcePos.START, eof.end());
        if (first.type() == TokenType.EOF) {
            range = tokens.range(eof);
        }
        return new Body(items, range);
    }

    /**
     * Parses source that must be a single expression (console input, a variable value given on
     * the command line). Newlines are insignificant.
     */
    public Expression parseExpressionOnly() {
        tokens.pushNewlines(false);
        Expression e = exprs.parseExpression();
        Token t = tokens.peek();
        if (t.type() != TokenType.EOF && !exprs.failed()) {
            diags.error("Extra characters after expression", "An expression was successfully parsed, but extra "
                    + "characters were found after it: " + t.type().display() + ".", tokens.range(t));
        }
        tokens.popNewlines();
        return e;
    }

    /** Parses a bare template file, the input of {@code templatefile}. */
    public static Expression parseTemplate(String source, String file, Diagnostics diags) {
        Parser p = new Parser(Lexer.forTemplate(source, file, diags), diags);
        return p.exprs.parseBareTemplate();
    }

    // ------------------------------------------------------------------ bodies

    /**
     * Parses items until the closing brace of {@code open} (or the end of the file when open is
     * null). The closing brace is not consumed.
     */
    private List<Body.BodyItem> parseBodyItems(Token open) {
        List<Body.BodyItem> items = new ArrayList<>();
        while (true) {
            Token t = tokens.peek();
            if (t.type() == TokenType.NEWLINE) {
                tokens.next();
                continue;
            }
            if (t.type() == TokenType.EOF) {
                return items;
            }
            if (t.type() == TokenType.CBRACE) {
                if (open != null) {
                    return items;
                }
                tokens.next();
                diags.error("Unexpected closing brace", "There is no opening brace for this closing brace; check the "
                        + "brace nesting above it.", tokens.range(t));
                continue;
            }
            if (t.type() != TokenType.IDENT) {
                itemMark = tokens.openDepth();
                tokens.next();
                if (t.type() != TokenType.INVALID) {
                    diags.error("Argument or block definition required", "An argument or block definition is required "
                            + "here; found " + t.type().display() + ". An argument is written \"name = value\" and a "
                            + "block \"type \"label\" { ... }\".", tokens.range(t));
                }
                recoverToLineEnd();
                continue;
            }
            Body.BodyItem item = parseItem();
            if (item != null) {
                items.add(item);
            }
        }
    }

    private Body.BodyItem parseItem() {
        int outerMark = itemMark;
        itemMark = tokens.openDepth();
        try {
            return parseItemAt();
        } finally {
            itemMark = outerMark;
        }
    }

    private Body.BodyItem parseItemAt() {
        Token name = tokens.next();
        Token t = tokens.peek();
        if (t.type() == TokenType.EQUAL) {
            tokens.next();
            return parseAttribute(name);
        }
        if (t.type() == TokenType.IDENT || t.type() == TokenType.OQUOTE || t.type() == TokenType.OBRACE) {
            return parseBlock(name);
        }
        if (t.type() == TokenType.COLON) {
            tokens.next();
            diags.error("Invalid argument definition", "Arguments are written with \"=\", not \":\", as in \""
                    + name.text() + " = value\".", tokens.range(t));
            recoverToLineEnd();
            return null;
        }
        if (t.type() == TokenType.NEWLINE || t.type() == TokenType.EOF || t.type() == TokenType.CBRACE) {
            diags.error("Argument or block definition required", "An argument named \"" + name.text() + "\" needs a "
                    + "value, as in \"" + name.text() + " = value\"; a block named \"" + name.text()
                    + "\" needs a body in braces.", tokens.range(name));
            return null;
        }
        if (t.type() != TokenType.INVALID) {
            diags.error("Invalid argument or block definition", "After \"" + name.text() + "\", either an equals sign "
                    + "(for an argument) or a block label or opening brace (for a block) is expected; found "
                    + t.type().display() + ".", tokens.range(t));
        }
        recoverToLineEnd();
        return null;
    }

    private Attribute parseAttribute(Token name) {
        Token valueStart = tokens.peek();
        if (valueStart.type() == TokenType.NEWLINE || valueStart.type() == TokenType.EOF
                || valueStart.type() == TokenType.CBRACE) {
            diags.error("Missing argument value", "The argument \"" + name.text() + "\" has an equals sign but no value "
                    + "after it; write \"" + name.text() + " = <value>\".", tokens.range(valueStart).start().offset()
                    == name.start().offset() ? tokens.range(name) : SourceRange.at(tokens.file(), valueStart.start()));
            return null;
        }
        exprs.resetFailure();
        Expression e = exprs.parseExpression();
        if (exprs.failed()) {
            recoverToLineEnd();
            return null;
        }
        Attribute attr = new Attribute(name.text(), e, tokens.range(name), tokens.rangeFrom(name));
        Token end = tokens.peek();
        if (end.type() == TokenType.NEWLINE) {
            tokens.next();
        } else if (end.type() != TokenType.EOF && end.type() != TokenType.CBRACE) {
            diags.error("Missing newline after argument", "An argument definition must end with a newline; found "
                    + end.type().display() + " after the value of \"" + name.text() + "\".", tokens.range(end));
            recoverToLineEnd();
        }
        return attr;
    }

    private Block parseBlock(Token type) {
        List<Block.Label> labels = new ArrayList<>();
        while (true) {
            Token t = tokens.peek();
            if (t.type() == TokenType.IDENT) {
                tokens.next();
                labels.add(new Block.Label(t.text(), tokens.range(t)));
            } else if (t.type() == TokenType.OQUOTE) {
                Block.Label l = parseQuotedLabel();
                if (l == null) {
                    recoverToLineEnd();
                    return null;
                }
                labels.add(l);
            } else {
                break;
            }
        }
        Token open = tokens.peek();
        if (open.type() != TokenType.OBRACE) {
            if (open.type() == TokenType.EQUAL) {
                diags.error("Invalid block definition", "A block's labels come before its opening brace and cannot be "
                        + "followed by an equals sign; to set an argument, write \"" + type.text() + " = value\".",
                        tokens.range(open));
            } else {
                diags.error("Invalid block definition", "A block definition must have a block body in braces, "
                        + "after its labels; found " + open.type().display() + ".", tokens.range(open));
            }
            recoverToLineEnd();
            return null;
        }
        tokens.next();
        if (blockDepth >= MAX_BLOCK_DEPTH) {
            diags.error("Blocks too deeply nested", "Blocks may nest at most " + MAX_BLOCK_DEPTH + " levels deep; "
                    + "the content of this block is skipped.", tokens.range(open));
            skipBlockContent();
            return null;
        }
        List<Body.BodyItem> items;
        blockDepth++;
        try {
            items = parseBodyItems(open);
        } finally {
            blockDepth--;
        }
        Token close = tokens.peek();
        if (close.type() != TokenType.CBRACE && endedInsideTooDeepBlock) {
            return null;
        }
        if (close.type() != TokenType.CBRACE) {
            diags.error("Unclosed configuration block", "There is no closing brace for this block before the end of "
                    + "the file; the block \"" + type.text() + "\" opened here is not closed. This may be caused by "
                    + "incorrect brace nesting elsewhere in this file.", tokens.range(open));
            return null;
        }
        tokens.next();
        Block block = new Block(type.text(), labels, new Body(items, tokens.rangeFrom(open)), tokens.range(type),
                tokens.rangeFrom(type));
        Token after = tokens.peek();
        if (after.type() == TokenType.NEWLINE) {
            tokens.next();
        } else if (after.type() != TokenType.EOF && after.type() != TokenType.CBRACE) {
            diags.error("Missing newline after block definition", "A block definition must end with a newline; "
                    + "found " + after.type().display() + " after the closing brace.", tokens.range(after));
            recoverToLineEnd();
        }
        return block;
    }

    private Block.Label parseQuotedLabel() {
        Token open = tokens.peek();
        exprs.resetFailure();
        Expression e = exprs.parseExpression();
        if (exprs.failed()) {
            return null;
        }
        if (e instanceof TemplateExpr t && t.isLiteral()) {
            Value v = ((LiteralExpr) t.parts().get(0)).value();
            return new Block.Label(v.asString(), e.range());
        }
        if (e instanceof TemplateExpr t && t.parts().isEmpty()) {
            return new Block.Label("", e.range());
        }
        diags.error("Invalid block label", "Block labels are literal strings; template interpolation is not allowed "
                + "in a label.", e.range());
        return new Block.Label("", tokens.range(open));
    }

    /** Skips a block's content and its closing brace without parsing (and without recursion). */
    private void skipBlockContent() {
        int depth = 1;
        while (true) {
            Token t = tokens.next();
            if (t.type() == TokenType.EOF) {
                endedInsideTooDeepBlock = true;
                return;
            }
            if (t.type() == TokenType.OBRACE) {
                depth++;
            } else if (t.type() == TokenType.CBRACE && --depth == 0) {
                return;
            }
        }
    }

    /**
     * Skips tokens to the end of the current body item: to the end of its line, or past the
     * closing brackets of whatever the item opened (including brackets the failed expression had
     * already consumed), leaving a closing brace of the enclosing block in place.
     */
    private void recoverToLineEnd() {
        Deque<TokenType> open = tokens.takeOpenersSince(itemMark);
        tokens.pushNewlines(true);
        try {
            while (true) {
                Token t = tokens.peek();
                TokenType ty = t.type();
                if (ty == TokenType.EOF) {
                    return;
                }
                if (ty == TokenType.NEWLINE) {
                    tokens.next();
                    if (open.isEmpty()) {
                        return;
                    }
                    continue;
                }
                if (TokenStream.isOpener(ty)) {
                    open.push(ty);
                    tokens.next();
                    continue;
                }
                if (ty == TokenType.CBRACE || ty == TokenType.CBRACK || ty == TokenType.CPAREN
                        || ty == TokenType.TEMPLATE_SEQ_END) {
                    boolean matched = false;
                    for (TokenType o : open) {
                        if (TokenStream.closes(ty, o)) {
                            matched = true;
                            break;
                        }
                    }
                    if (matched) {
                        // close everything up to the matching opener
                        while (!TokenStream.closes(ty, open.pop())) {
                            // abandoned inner brackets
                        }
                    } else if (ty == TokenType.CBRACE) {
                        return; // the enclosing block's closing brace
                    }
                    tokens.next();
                    continue;
                }
                tokens.next();
            }
        } finally {
            tokens.takeOpenersSince(itemMark);
            tokens.popNewlines();
        }
    }
}
