package dev.lockstep.planner.hcl.parser;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.lexer.Lexer;
import dev.lockstep.planner.hcl.lexer.Token;
import dev.lockstep.planner.hcl.lexer.TokenType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A look-ahead buffer over the lexer that can hide newline tokens: inside parentheses, brackets
 * and template interpolations newlines mean nothing, while in bodies and object constructors they
 * separate items. The parser pushes and pops that setting as it enters and leaves such contexts.
 */
final class TokenStream {

    private final Lexer lexer;
    private final String file;
    private final List<Token> buffer = new ArrayList<>();
    private final Deque<Boolean> newlines = new ArrayDeque<>();
    /** The brackets consumed and not yet closed, innermost first, for error recovery. */
    private final Deque<TokenType> openers = new ArrayDeque<>();
    private Token last;

    TokenStream(Lexer lexer) {
        this.lexer = lexer;
        this.file = lexer.file();
        newlines.push(Boolean.TRUE);
    }

    String file() {
        return file;
    }

    void pushNewlines(boolean significant) {
        newlines.push(significant);
    }

    void popNewlines() {
        newlines.pop();
    }

    private boolean newlinesSignificant() {
        return newlines.peek();
    }

    private Token raw(int i) {
        while (buffer.size() <= i) {
            buffer.add(lexer.next());
        }
        return buffer.get(i);
    }

    /** The next token that is significant in the current context, without consuming it. */
    Token peek() {
        return peek(0);
    }

    /** The n-th significant token ahead (0 is the next one), without consuming anything. */
    Token peek(int n) {
        boolean skipNewlines = !newlinesSignificant();
        int i = 0;
        int seen = 0;
        while (true) {
            Token t = raw(i);
            if (skipNewlines && t.type() == TokenType.NEWLINE) {
                i++;
                continue;
            }
            if (seen == n || t.type() == TokenType.EOF) {
                return t;
            }
            seen++;
            i++;
        }
    }

    /** Consumes and returns the next significant token (skipping hidden newlines first). */
    Token next() {
        boolean skipNewlines = !newlinesSignificant();
        while (true) {
            Token t = raw(0);
            if (t.type() == TokenType.EOF) {
                last = t;
                return t;
            }
            buffer.remove(0);
            if (skipNewlines && t.type() == TokenType.NEWLINE) {
                continue;
            }
            track(t);
            last = t;
            return t;
        }
    }

    private void track(Token t) {
        TokenType ty = t.type();
        if (isOpener(ty)) {
            openers.push(ty);
        } else if (!openers.isEmpty() && closes(ty, openers.peek())) {
            openers.pop();
        }
    }

    static boolean isOpener(TokenType t) {
        return t == TokenType.OBRACE || t == TokenType.OBRACK || t == TokenType.OPAREN
                || t == TokenType.TEMPLATE_INTERP || t == TokenType.TEMPLATE_CONTROL;
    }

    /** Whether {@code closer} is the closing token of {@code opener}. */
    static boolean closes(TokenType closer, TokenType opener) {
        switch (closer) {
            case CBRACE:
                return opener == TokenType.OBRACE;
            case CBRACK:
                return opener == TokenType.OBRACK;
            case CPAREN:
                return opener == TokenType.OPAREN;
            case TEMPLATE_SEQ_END:
                return opener == TokenType.TEMPLATE_INTERP || opener == TokenType.TEMPLATE_CONTROL;
            default:
                return false;
        }
    }

    /** How many consumed brackets are still open. */
    int openDepth() {
        return openers.size();
    }

    /** The brackets opened since the depth was {@code mark}, innermost first; they are forgotten. */
    Deque<TokenType> takeOpenersSince(int mark) {
        Deque<TokenType> out = new ArrayDeque<>();
        while (openers.size() > mark) {
            out.addLast(openers.pop());
        }
        return out;
    }

    /** The most recently consumed token, for the end of ranges. */
    Token last() {
        return last;
    }

    boolean at(TokenType t) {
        return peek().type() == t;
    }

    boolean atIdent(String word) {
        Token t = peek();
        return t.type() == TokenType.IDENT && t.text().equals(word);
    }

    /** Consumes the next token if it has type {@code t}. */
    boolean accept(TokenType t) {
        if (at(t)) {
            next();
            return true;
        }
        return false;
    }

    SourceRange range(Token t) {
        return t.range(file);
    }

    /** The range from the start of {@code first} to the end of the last consumed token. */
    SourceRange rangeFrom(Token first) {
        Token end = last == null ? first : last;
        if (end.end().offset() < first.start().offset()) {
            end = first;
        }
        return new SourceRange(file, first.start(), end.end());
    }

    /** The range from the start of {@code from} to the end of the last consumed token. */
    SourceRange rangeFrom(SourceRange from) {
        Token end = last;
        if (end == null || end.end().offset() < from.start().offset()) {
            return from;
        }
        return new SourceRange(file, from.start(), end.end());
    }
}
