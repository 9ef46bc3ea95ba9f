package dev.lockstep.planner.hcl.lexer;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns HCL native-syntax source into tokens, one at a time, in a single left-to-right pass (so
 * lexing is linear in the input). The lexer is modal like HCL's own scanner: inside quoted strings
 * and heredocs it produces literal and template tokens, and an interpolation inside a template
 * switches back to expression tokens until its closing brace. Problems are reported as
 * diagnostics and lexing always continues to the end of the input.
 *
 * <p>Kept in one class on purpose: the modes share the cursor and the mode stack, and the token
 * rules read best side by side, as in HCL's {@code scan_tokens.rl}.
 */
public final class Lexer {

    private final String src;
    private final String file;
    private final Diagnostics diags;
    private final int length;

    private int pos;
    private int line = 1;
    private int col = 1;

    private final Deque<Mode> modes = new ArrayDeque<>();
    /** Whether comments come out as {@link TokenType#COMMENT} tokens instead of being skipped. */
    private boolean keepComments;

    /** Lexer state: expression tokens, a quoted template, or a heredoc template. */
    private abstract static class Mode {
    }

    private static final class NormalMode extends Mode {
        final boolean inTemplate;
        final SourcePos opened;
        int braceDepth;

        NormalMode(boolean inTemplate, SourcePos opened) {
            this.inTemplate = inTemplate;
            this.opened = opened;
        }
    }

    private static final class QuotedMode extends Mode {
        final SourcePos opened;

        QuotedMode(SourcePos opened) {
            this.opened = opened;
        }
    }

    private static final class HeredocMode extends Mode {
        final String marker;
        final SourcePos opened;
        boolean atLineStart = true;

        HeredocMode(String marker, SourcePos opened) {
            this.marker = marker;
            this.opened = opened;
        }
    }

    public Lexer(String src, String file, Diagnostics diags) {
        this.src = src;
        this.file = file;
        this.diags = diags;
        this.length = src.length();
        if (length > 0 && src.charAt(0) == '\uFEFF') {
            pos = 1; // byte-order mark
        }
        modes.push(new NormalMode(false, SourcePos.START));
    }

    /**
     * A lexer for a bare template file (as read by {@code templatefile}): the whole input is
     * template text, as if it were the body of a heredoc that ends at the end of the input.
     */
    public static Lexer forTemplate(String src, String file, Diagnostics diags) {
        Lexer l = new Lexer(src, file, diags);
        l.modes.push(new HeredocMode(null, SourcePos.START));
        return l;
    }

    /**
     * A lexer that also returns comments, as {@link TokenType#COMMENT} tokens (a line comment
     * without its newline, which follows as a {@link TokenType#NEWLINE}). Every other token, and
     * every diagnostic, is the same as the parser's lexer produces; the formatter reads this.
     */
    public static Lexer keepingComments(String src, String file, Diagnostics diags) {
        Lexer l = new Lexer(src, file, diags);
        l.keepComments = true;
        return l;
    }

    public String file() {
        return file;
    }

    /** The next token; after the end of input, {@link TokenType#EOF} forever. */
    public Token next() {
        Mode m = modes.peek();
        if (m instanceof QuotedMode q) {
            return nextQuoted(q);
        }
        if (m instanceof HeredocMode h) {
            return nextHeredoc(h);
        }
        return nextNormal((NormalMode) m);
    }

    // ------------------------------------------------------------------ positions

    private SourcePos here() {
        return new SourcePos(line, col, pos);
    }

    private char peekChar(int ahead) {
        int i = pos + ahead;
        return i < length ? src.charAt(i) : '\0';
    }

    private boolean lookingAt(String s) {
        return src.startsWith(s, pos);
    }

    /** Advances one code point, keeping line and column right. */
    private void advance() {
        char c = src.charAt(pos);
        pos++;
        if (c == '\n') {
            line++;
            col = 1;
        } else if (Character.isHighSurrogate(c) && pos < length && Character.isLowSurrogate(src.charAt(pos))) {
            pos++;
            col++;
        } else {
            col++;
        }
    }

    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            advance();
        }
    }

    private Token token(TokenType t, int startOffset, SourcePos start) {
        return new Token(t, src.substring(startOffset, pos), start, here(), false);
    }

    private Token token(TokenType t, int startOffset, SourcePos start, boolean strip) {
        return new Token(t, src.substring(startOffset, pos), start, here(), strip);
    }

    private void error(String summary, String detail, SourcePos start) {
        diags.error(summary, detail, new SourceRange(file, start, here()));
    }

    // ------------------------------------------------------------------ normal mode

    private Token nextNormal(NormalMode mode) {
        skipSpaceAndComments();
        SourcePos start = here();
        int s = pos;
        if (keepComments && atComment()) {
            skipComment();
            return token(TokenType.COMMENT, s, start);
        }
        if (pos >= length) {
            if (mode.inTemplate) {
                diags.error("Unterminated template interpolation",
                        "There is no closing brace for this interpolation or directive; add '}'.",
                        SourceRange.at(file, mode.opened));
                modes.pop();
                return next();
            }
            return new Token(TokenType.EOF, "", start, start, false);
        }
        char c = src.charAt(pos);
        if (c == '\n' || c == '\r' && peekChar(1) == '\n') {
            advance(c == '\r' ? 2 : 1);
            return token(TokenType.NEWLINE, s, start);
        }
        if (c >= '0' && c <= '9') {
            return number(s, start);
        }
        if (isIdentStart(c)) {
            advance();
            while (pos < length && isIdentPart(src.charAt(pos))) {
                advance();
            }
            return token(TokenType.IDENT, s, start);
        }
        switch (c) {
            case '"':
                advance();
                modes.push(new QuotedMode(start));
                return token(TokenType.OQUOTE, s, start);
            case '{':
                advance();
                mode.braceDepth++;
                return token(TokenType.OBRACE, s, start);
            case '}':
                advance();
                if (mode.inTemplate && mode.braceDepth == 0) {
                    modes.pop();
                    return token(TokenType.TEMPLATE_SEQ_END, s, start);
                }
                mode.braceDepth--;
                return token(TokenType.CBRACE, s, start);
            case '~':
                if (peekChar(1) == '}' && mode.inTemplate && mode.braceDepth == 0) {
                    advance(2);
                    modes.pop();
                    return token(TokenType.TEMPLATE_SEQ_END, s, start, true);
                }
                break;
            case '[':
                advance();
                return token(TokenType.OBRACK, s, start);
            case ']':
                advance();
                return token(TokenType.CBRACK, s, start);
            case '(':
                advance();
                return token(TokenType.OPAREN, s, start);
            case ')':
                advance();
                return token(TokenType.CPAREN, s, start);
            case ',':
                advance();
                return token(TokenType.COMMA, s, start);
            case '.':
                if (lookingAt("...")) {
                    advance(3);
                    return token(TokenType.ELLIPSIS, s, start);
                }
                advance();
                return token(TokenType.DOT, s, start);
            case ':':
                advance();
                return token(TokenType.COLON, s, start);
            case '?':
                advance();
                return token(TokenType.QUESTION, s, start);
            case '=':
                if (peekChar(1) == '=') {
                    advance(2);
                    return token(TokenType.EQUAL_EQUAL, s, start);
                }
                if (peekChar(1) == '>') {
                    advance(2);
                    return token(TokenType.FAT_ARROW, s, start);
                }
                advance();
                return token(TokenType.EQUAL, s, start);
            case '!':
                if (peekChar(1) == '=') {
                    advance(2);
                    return token(TokenType.NOT_EQUAL, s, start);
                }
                advance();
                return token(TokenType.BANG, s, start);
            case '<':
                if (peekChar(1) == '<') {
                    return heredocHeader(s, start);
                }
                if (peekChar(1) == '=') {
                    advance(2);
                    return token(TokenType.LESS_EQUAL, s, start);
                }
                advance();
                return token(TokenType.LESS, s, start);
            case '>':
                if (peekChar(1) == '=') {
                    advance(2);
                    return token(TokenType.GREATER_EQUAL, s, start);
                }
                advance();
                return token(TokenType.GREATER, s, start);
            case '&':
                if (peekChar(1) == '&') {
                    advance(2);
                    return token(TokenType.AND, s, start);
                }
                advance();
                error("Invalid character", "Bitwise operators are not supported. To combine two values with logical AND, "
                        + "use the \"&&\" operator.", start);
                return token(TokenType.INVALID, s, start);
            case '|':
                if (peekChar(1) == '|') {
                    advance(2);
                    return token(TokenType.OR, s, start);
                }
                advance();
                error("Invalid character", "Bitwise operators are not supported. To combine two values with logical OR, "
                        + "use the \"||\" operator.", start);
                return token(TokenType.INVALID, s, start);
            case '+':
                advance();
                return token(TokenType.PLUS, s, start);
            case '-':
                advance();
                return token(TokenType.MINUS, s, start);
            case '*':
                advance();
                return token(TokenType.STAR, s, start);
            case '/':
                advance();
                return token(TokenType.SLASH, s, start);
            case '%':
                advance();
                return token(TokenType.PERCENT, s, start);
            default:
                break;
        }
        advance();
        error("Invalid character", invalidCharacterHint(c), start);
        return token(TokenType.INVALID, s, start);
    }

    private static String invalidCharacterHint(char c) {
        switch (c) {
            case '\'':
                return "Single quotes are not valid. Use double quotes (\") to enclose strings.";
            case ';':
                return "The \";\" character is not valid. Use newlines to separate arguments and blocks, "
                        + "and commas to separate items in collection values.";
            case '`':
                return "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, "
                        + "like \"<<EOT\".";
            case '$':
                return "The \"$\" character is not valid outside a string. To interpolate, write \"${...}\" "
                        + "inside a quoted string.";
            case '~':
                return "The \"~\" character is only valid as a whitespace-stripping marker in \"${~\" and \"~}\".";
            default:
                if (Character.isWhitespace(c)) {
                    return "This whitespace character is not valid; use spaces, tabs and newlines only.";
                }
                return "This character is not used within the language.";
        }
    }

    /** Skips spaces, tabs, lone carriage returns and (unless they are kept as tokens) comments. */
    private void skipSpaceAndComments() {
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' && peekChar(1) != '\n') {
                advance();
            } else if (!keepComments && atComment()) {
                skipComment();
            } else {
                break;
            }
        }
    }

    private boolean atComment() {
        char c = pos < length ? src.charAt(pos) : '\0';
        return c == '#' || c == '/' && (peekChar(1) == '/' || peekChar(1) == '*');
    }

    /** Moves past the comment at the cursor: a line comment up to its newline, or a whole block comment. */
    private void skipComment() {
        if (src.charAt(pos) != '/' || peekChar(1) != '*') {
            while (pos < length && src.charAt(pos) != '\n') {
                advance();
            }
            return;
        }
        SourcePos start = here();
        advance(2);
        while (pos < length) {
            if (src.charAt(pos) == '*' && peekChar(1) == '/') {
                advance(2);
                return;
            }
            advance();
        }
        diags.error("Unterminated comment", "This multi-line comment has no closing \"*/\".",
                new SourceRange(file, start, new SourcePos(start.line(), start.column() + 2, start.offset() + 2)));
    }

    private Token number(int s, SourcePos start) {
        while (pos < length && isDigit(src.charAt(pos))) {
            advance();
        }
        if (pos < length && src.charAt(pos) == '.' && isDigit(peekChar(1))) {
            advance();
            while (pos < length && isDigit(src.charAt(pos))) {
                advance();
            }
            if (pos < length && src.charAt(pos) == '.' && isDigit(peekChar(1))) {
                // "1.2.3" is one bad number, not the number 1.2 with a legacy index
                while (pos < length && (isDigit(src.charAt(pos)) || src.charAt(pos) == '.' && isDigit(peekChar(1)))) {
                    advance();
                }
                error("Invalid number literal", "\"" + src.substring(s, pos) + "\" is not a valid number: a number "
                        + "has at most one decimal point.", start);
                return token(TokenType.INVALID, s, start);
            }
        }
        if (pos < length && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            int saveCol = col;
            advance();
            if (pos < length && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                advance();
            }
            if (pos < length && isDigit(src.charAt(pos))) {
                while (pos < length && isDigit(src.charAt(pos))) {
                    advance();
                }
            } else {
                pos = save;
                col = saveCol;
            }
        }
        if (pos < length && isIdentStart(src.charAt(pos))) {
            // "12abc", "0x10": a number running into letters is one invalid token
            while (pos < length && isIdentPart(src.charAt(pos))) {
                advance();
            }
            String text = src.substring(s, pos);
            error("Invalid number literal", "\"" + text + "\" is not a valid number. Numbers are written in decimal "
                    + "(\"16\", \"1.5\", \"2e10\"); for other bases use parseint(), such as parseint(\"ff\", 16).", start);
            return token(TokenType.INVALID, s, start);
        }
        return token(TokenType.NUMBER, s, start);
    }

    /**
     * Reads {@code <<EOT} / {@code <<-EOT} and the newline after it. {@code <<} has no other meaning
     * in the language, so anything else is an invalid introducer: without a marker it becomes an
     * invalid token; with a marker but more text on the line, the error is reported and the
     * heredoc is read anyway, so that its body does not turn into a cascade of errors.
     */
    private Token heredocHeader(int s, SourcePos start) {
        int i = pos + 2;
        boolean indented = false;
        if (i < length && src.charAt(i) == '-') {
            indented = true;
            i++;
        }
        int nameStart = i;
        if (i >= length || !isIdentStart(src.charAt(i))) {
            advance(i - pos);
            error("Invalid heredoc introducer", "A heredoc starts with \"<<\" or \"<<-\" followed immediately by a "
                    + "marker word and the end of the line, as in \"<<EOT\"; the text follows on the next lines and "
                    + "ends with a line holding only the marker.", start);
            return new Token(TokenType.INVALID, src.substring(s, pos), start, here(), false);
        }
        while (i < length && isIdentPart(src.charAt(i))) {
            i++;
        }
        String marker = src.substring(nameStart, i);
        int j = i;
        if (j < length && src.charAt(j) == '\r') {
            j++;
        }
        if (j < length && src.charAt(j) != '\n') {
            advance(i - pos);
            error("Invalid heredoc introducer", "A heredoc marker must be followed immediately by a newline, "
                    + "as in \"<<" + marker + "\" at the end of a line.", start);
            j = src.indexOf('\n', i);
            j = j < 0 ? length : j;
        }
        while (pos < j) {
            advance(); // by code point: the rest of the line may hold surrogate pairs
        }
        if (pos < length) {
            advance(); // the newline
        }
        modes.push(new HeredocMode(marker, start));
        return new Token(TokenType.OHEREDOC, marker, start, here(), indented);
    }

    // ------------------------------------------------------------------ quoted templates

    private Token nextQuoted(QuotedMode mode) {
        SourcePos start = here();
        int s = pos;
        if (pos >= length) {
            modes.pop();
            diags.error("Unterminated template string", "No closing marker was found for the string.",
                    new SourceRange(file, mode.opened, new SourcePos(mode.opened.line(), mode.opened.column() + 1,
                            mode.opened.offset() + 1)));
            return new Token(TokenType.CQUOTE, "", start, start, false);
        }
        char c = src.charAt(pos);
        if (c == '"') {
            advance();
            modes.pop();
            return token(TokenType.CQUOTE, s, start);
        }
        if (c == '\n' || (c == '\r' && peekChar(1) == '\n')) {
            modes.pop();
            diags.error("Invalid multi-line string", "Quoted strings may not be split over multiple lines. To produce a "
                    + "multi-line string, either use the \\n escape to represent a newline character or use the "
                    + "\"heredoc\" multi-line template syntax.", new SourceRange(file, mode.opened, start));
            return new Token(TokenType.CQUOTE, "", start, start, false);
        }
        if (c == '$' && peekChar(1) == '{') {
            return templateOpen(TokenType.TEMPLATE_INTERP, s, start);
        }
        if (c == '%' && peekChar(1) == '{') {
            return templateOpen(TokenType.TEMPLATE_CONTROL, s, start);
        }
        while (pos < length) {
            c = src.charAt(pos);
            if (c == '"' || c == '\n' || (c == '\r' && peekChar(1) == '\n')) {
                break;
            }
            if (c == '\\') {
                advance();
                if (pos < length && src.charAt(pos) != '\n') {
                    advance();
                }
                continue;
            }
            if ((c == '$' || c == '%') && peekChar(1) == c && peekChar(2) == '{') {
                advance(3);
                continue;
            }
            if ((c == '$' || c == '%') && peekChar(1) == '{') {
                break;
            }
            advance();
        }
        return token(TokenType.QUOTED_LIT, s, start);
    }

    private Token templateOpen(TokenType t, int s, SourcePos start) {
        advance(2);
        boolean strip = false;
        if (pos < length && src.charAt(pos) == '~') {
            advance();
            strip = true;
        }
        modes.push(new NormalMode(true, start));
        return token(t, s, start, strip);
    }

    // ------------------------------------------------------------------ heredocs

    private Token nextHeredoc(HeredocMode mode) {
        SourcePos start = here();
        int s = pos;
        if (pos >= length) {
            modes.pop();
            if (mode.marker == null) {
                return new Token(TokenType.CHEREDOC, "", start, start, false);
            }
            diags.error("Unterminated template string", "The heredoc started here has no closing \"" + mode.marker
                    + "\" line.", new SourceRange(file, mode.opened, new SourcePos(mode.opened.line(),
                            mode.opened.column() + 2, mode.opened.offset() + 2)));
            return new Token(TokenType.CHEREDOC, "", start, start, false);
        }
        if (mode.atLineStart && mode.marker != null) {
            int i = pos;
            while (i < length && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
                i++;
            }
            if (src.startsWith(mode.marker, i)) {
                int e = i + mode.marker.length();
                int k = e;
                if (k < length && src.charAt(k) == '\r') {
                    k++;
                }
                if (k >= length || src.charAt(k) == '\n') {
                    advance(e - pos);
                    modes.pop();
                    return new Token(TokenType.CHEREDOC, mode.marker, start, here(), false);
                }
            }
        }
        mode.atLineStart = false;
        char c = src.charAt(pos);
        if (c == '$' && peekChar(1) == '{') {
            return templateOpen(TokenType.TEMPLATE_INTERP, s, start);
        }
        if (c == '%' && peekChar(1) == '{') {
            return templateOpen(TokenType.TEMPLATE_CONTROL, s, start);
        }
        while (pos < length) {
            c = src.charAt(pos);
            if (c == '\n') {
                advance();
                mode.atLineStart = true;
                break;
            }
            if ((c == '$' || c == '%') && peekChar(1) == c && peekChar(2) == '{') {
                advance(3);
                continue;
            }
            if ((c == '$' || c == '%') && peekChar(1) == '{') {
                break;
            }
            advance();
        }
        return token(TokenType.STRING_LIT, s, start);
    }

    // ------------------------------------------------------------------ characters

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Identifier start: a letter or underscore (Unicode ID_Start). */
    public static boolean isIdentStart(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }
        return Character.isUnicodeIdentifierStart(c);
    }

    /** Identifier continuation: letters, digits, underscore and dash. */
    public static boolean isIdentPart(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
        return Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }

    /** Whether {@code s} is a valid identifier. */
    public static boolean isIdentifier(String s) {
        if (s.isEmpty() || !isIdentStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
