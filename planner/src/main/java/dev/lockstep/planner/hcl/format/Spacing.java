package dev.lockstep.planner.hcl.format;

import dev.lockstep.planner.hcl.lexer.TokenType;

/**
 * Whether one space or none goes between two tokens on a line: the rules of HCL's canonical
 * style, in the order Terraform's formatter ({@code hclwrite}) applies them, so that the first
 * rule that matches decides. Most tokens are separated by one space; brackets hug their content
 * (braces excepted), dots, commas and call parentheses hug their neighbours, template text is
 * never touched, and a minus that looks like a negation hugs its operand.
 */
final class Spacing {

    private Spacing() {
    }

    /**
     * Whether {@code subject} takes a space after it, before {@code after}; {@code before} is the
     * token ahead of {@code subject} on its line, or null when there is none.
     */
    static boolean spaceAfter(FormatToken subject, FormatToken before, FormatToken after) {
        TokenType s = subject.type;
        TokenType a = after.type;
        if (a == TokenType.NEWLINE) {
            return false;
        }
        if (s == TokenType.IDENT && a == TokenType.OPAREN) {
            return false; // a function name and its argument list
        }
        if (s == TokenType.DOT || a == TokenType.DOT) {
            return false;
        }
        if (a == TokenType.COMMA || a == TokenType.ELLIPSIS) {
            return false;
        }
        if (s == TokenType.COMMA) {
            return true;
        }
        if (isTemplateText(s) || s == TokenType.OQUOTE || s == TokenType.OHEREDOC
                || isTemplateText(a) || a == TokenType.CQUOTE || a == TokenType.CHEREDOC) {
            return false; // inside a template, the text is the text
        }
        if (s == TokenType.IDENT && subject.text.equals("in") && before != null && before.is(TokenType.IDENT)) {
            return true; // "for x in [a, b]": the keyword, not a reference indexed by a tuple
        }
        if (a == TokenType.OBRACK && (s == TokenType.IDENT || s == TokenType.NUMBER || subject.bracketChange() < 0)) {
            return false; // an index
        }
        if (s == TokenType.BANG) {
            return false;
        }
        if (s == TokenType.MINUS) {
            return !looksLikeNegation(before);
        }
        if (s == TokenType.OBRACE || a == TokenType.CBRACE) {
            return !(s == TokenType.OBRACE && a == TokenType.CBRACE); // "{ a = 1 }" but "{}"
        }
        if ((s == TokenType.TEMPLATE_INTERP || s == TokenType.TEMPLATE_CONTROL) && a == TokenType.OBRACE) {
            return true;
        }
        if (s == TokenType.CBRACE && a == TokenType.TEMPLATE_SEQ_END) {
            return true;
        }
        if (s == TokenType.TEMPLATE_SEQ_END && (a == TokenType.TEMPLATE_INTERP || a == TokenType.TEMPLATE_CONTROL)) {
            return false;
        }
        if (subject.bracketChange() > 0 || after.bracketChange() < 0) {
            return false;
        }
        return true;
    }

    private static boolean isTemplateText(TokenType t) {
        return t == TokenType.QUOTED_LIT || t == TokenType.STRING_LIT;
    }

    /** A minus is taken for a negation when what comes before it cannot end an operand. */
    private static boolean looksLikeNegation(FormatToken before) {
        if (before == null) {
            return true;
        }
        switch (before.type) {
            case OPAREN, OBRACE, OBRACK, EQUAL, COLON, COMMA, QUESTION,
                    PLUS, STAR, SLASH, PERCENT, MINUS,
                    EQUAL_EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL,
                    AND, OR, BANG:
                return true;
            default:
                return false;
        }
    }
}
