package dev.lockstep.planner.hcl.format;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.lexer.Lexer;
import dev.lockstep.planner.hcl.lexer.Token;
import dev.lockstep.planner.hcl.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an HCL file in canonical style, with the rules of {@code terraform fmt}: two-space
 * indentation by bracket nesting, one space around {@code =} and operators, the {@code =} of
 * consecutive one-line attributes aligned, comments that end consecutive lines aligned, block
 * labels quoted, no trailing whitespace, and a newline at the end. It works on tokens, so only
 * the space between tokens changes (and bare labels get quotes): comments, heredocs and the text
 * of templates are kept byte for byte, blank lines and line endings (LF or CRLF) as written, and
 * the file parses to the same tree as before.
 *
 * <p>A file with syntax errors is not formatted: the errors are reported and the source is
 * returned unchanged. See {@code docs/fmt.md} for where the output differs from Terraform's.
 */
public final class Formatter {

    private static final char BOM = '\uFEFF';

    private Formatter() {
    }

    /**
     * The canonical form of {@code source}. When the file has syntax errors they are added to
     * {@code diags} (with {@code fileName} in their ranges) and {@code source} is returned as it is.
     */
    public static String format(String source, String fileName, Diagnostics diags) {
        Diagnostics syntax = new Diagnostics();
        Body body = Hcl.parseFile(source, fileName, syntax);
        if (syntax.hasErrors()) {
            diags.addAll(syntax);
            return source;
        }
        List<FormatToken> tokens = tokens(source, fileName, BlockLabels.of(body));
        Layout.apply(tokens);
        return render(source, tokens);
    }

    private static List<FormatToken> tokens(String src, String fileName, Map<Integer, BlockLabels.Label> labels) {
        Lexer lexer = Lexer.keepingComments(src, fileName, new Diagnostics());
        List<FormatToken> out = new ArrayList<>();
        int skipTo = -1;
        for (Token t = lexer.next(); !t.is(TokenType.EOF); t = lexer.next()) {
            int start = t.start().offset();
            if (start < skipTo) {
                continue; // the rest of a label already written in its canonical form
            }
            BlockLabels.Label label = labels.get(start);
            if (label != null) {
                out.add(new FormatToken(TokenType.OQUOTE, "\""));
                if (!label.content().isEmpty()) {
                    out.add(new FormatToken(TokenType.QUOTED_LIT, label.content()));
                }
                out.add(new FormatToken(TokenType.CQUOTE, "\""));
                skipTo = label.end();
                continue;
            }
            String text = src.substring(start, t.end().offset());
            FormatToken last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (t.is(TokenType.NEWLINE) && last != null && isLineComment(last)) {
                out.set(out.size() - 1, new FormatToken(TokenType.COMMENT, last.text + text));
            } else {
                out.add(new FormatToken(t.type(), text));
            }
        }
        return out;
    }

    private static boolean isLineComment(FormatToken t) {
        return t.is(TokenType.COMMENT) && !t.text.startsWith("/*") && !t.text.endsWith("\n");
    }

    /**
     * Writes the tokens with their spaces. Spaces before the end of the file are dropped and a
     * file that does not end with a newline gets one, in the style of its other line endings.
     */
    private static String render(String src, List<FormatToken> tokens) {
        StringBuilder sb = new StringBuilder(src.length() + src.length() / 8);
        if (!src.isEmpty() && src.charAt(0) == BOM) {
            sb.append(BOM);
        }
        int contentStart = sb.length();
        String lastNewline = "\n";
        for (FormatToken t : tokens) {
            sb.append(" ".repeat(t.spacesBefore)).append(t.text);
            if (t.endsLine()) {
                lastNewline = t.text.endsWith("\r\n") ? "\r\n" : "\n";
            }
        }
        if (sb.length() > contentStart && sb.charAt(sb.length() - 1) != '\n') {
            sb.append(lastNewline);
        }
        return sb.toString();
    }
}
