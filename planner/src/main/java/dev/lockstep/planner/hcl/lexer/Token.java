package dev.lockstep.planner.hcl.lexer;

import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;

/**
 * One token: its kind, its text as written, and where it starts and ends. For template-sequence
 * tokens {@code strip} says whether a {@code ~} marker was given; for heredoc tokens {@code text}
 * is the marker and {@code strip} says whether the heredoc is indented ({@code <<-}).
 */
public record Token(TokenType type, String text, SourcePos start, SourcePos end, boolean strip) {

    public SourceRange range(String file) {
        return new SourceRange(file, start, end);
    }

    public boolean is(TokenType t) {
        return type == t;
    }

    @Override
    public String toString() {
        return type + "(" + text + ")@" + start;
    }
}
