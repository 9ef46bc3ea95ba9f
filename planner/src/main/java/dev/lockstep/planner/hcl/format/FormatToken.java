package dev.lockstep.planner.hcl.format;

import dev.lockstep.planner.hcl.lexer.TokenType;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * One token as the formatter sees it: its kind, its exact source text, and the number of spaces
 * to write before it, which is the only thing formatting changes. A line comment carries its
 * newline, as in HCL's own token model, so that it ends its line.
 */
final class FormatToken {

    final TokenType type;
    final String text;
    int spacesBefore;

    FormatToken(TokenType type, String text) {
        this.type = type;
        this.text = text;
    }

    /** Whether the token ends a line: a newline, or a line comment with its newline. */
    boolean endsLine() {
        return type == TokenType.NEWLINE || type == TokenType.COMMENT && text.endsWith("\n");
    }

    /** +1 for a token that opens a bracket (templates' {@code ${} and {@code %{} included), -1 for one that closes. */
    int bracketChange() {
        switch (type) {
            case OBRACE, OBRACK, OPAREN, TEMPLATE_INTERP, TEMPLATE_CONTROL:
                return 1;
            case CBRACE, CBRACK, CPAREN, TEMPLATE_SEQ_END:
                return -1;
            default:
                return 0;
        }
    }

    boolean is(TokenType t) {
        return type == t;
    }

    /** The columns the token takes on its line with its leading spaces, counting user-perceived characters. */
    int columns() {
        return spacesBefore + graphemes(text);
    }

    static int graphemes(String s) {
        boolean simple = true;
        for (int i = 0; i < s.length() && simple; i++) {
            char c = s.charAt(i);
            simple = c < 0x300 && c != '\r';
        }
        if (simple) {
            return s.length();
        }
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(s);
        int n = 0;
        it.first();
        while (it.next() != BreakIterator.DONE) {
            n++;
        }
        return n;
    }

    @Override
    public String toString() {
        return " ".repeat(spacesBefore) + text;
    }
}
