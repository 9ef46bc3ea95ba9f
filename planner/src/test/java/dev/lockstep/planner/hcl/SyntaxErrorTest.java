package dev.lockstep.planner.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regressions for syntax errors found by the malformed corpus and the fuzzer: message and location. */
class SyntaxErrorTest {

    /** The errors of parsing {@code src} as a file, as {@code line:column summary}. */
    static List<String> errors(String src) {
        Diagnostics d = new Diagnostics();
        Hcl.parseFile(src, "main.hcl", d);
        List<String> out = new ArrayList<>();
        for (Diagnostic x : d) {
            out.add(x.subject().start().line() + ":" + x.subject().start().column() + " " + x.summary());
        }
        return out;
    }

    @Test
    void heredocIntroducerWithoutMarker() {
        assertEquals(List.of("1:5 Invalid heredoc introducer"), errors("a = << EOT\n").subList(0, 1));
        assertEquals(List.of("1:5 Invalid heredoc introducer"), errors("a = <<-\n"));
        assertEquals(List.of("1:5 Invalid heredoc introducer"), errors("a = <<\"EOT\"\n"));
    }

    @Test
    void heredocIntroducerWithTrailingTextStillReadsTheBody() {
        assertEquals(List.of("2:7 Invalid heredoc introducer"),
                errors("locals {\n  a = <<EOT extra\nhello\nEOT\n  b = 1\n}\n"));
    }

    @Test
    void recoveryAfterAFailedExpressionSkipsTheBracketsItOpened() {
        assertEquals(List.of("2:13 Invalid expression"), errors("locals {\n  a = { x = }\n  b = 1\n}\n"));
        assertEquals(List.of("2:15 Invalid escape sequence"),
                errors("resource \"t\" \"a\" {\n  input = { \"k\\z\" = 1 }\n  lifecycle {\n  }\n}\n"));
        assertEquals(List.of("2:16 Missing item separator"), errors("locals {\n  a = [f(1, [2 3]), 3]\n}\nlocals {\n}\n"));
        assertEquals(List.of("1:1 Argument or block definition required"), errors("{\n  a = 1\n}\nlocals {\n}\n"));
    }

    @Test
    void mismatchedTemplateDirectiveIsReportedWhereItIs() {
        assertEquals(List.of("1:17 Unexpected endfor directive"), errors("a = \"%{if true}x%{endfor}\"\n"));
        assertEquals(List.of("1:25 Unexpected else directive"),
                errors("a = \"%{if true}a%{else}b%{else}c%{endif}\"\n"));
        assertEquals(List.of("2:1 Unexpected endif directive"), errors("a = <<EOT\n%{endif}\nEOT\n"));
    }

    @Test
    void numberWithTwoDecimalPointsIsInvalid() {
        assertEquals(List.of("1:5 Invalid number literal"), errors("a = 1.2.3\n"));
        assertEquals(List.of(), errors("a = x.0.1\nb = 1.5\nc = [1.25][0]\n"));
    }

    @Test
    void heredocIntroducerWithTrailingTextOutsideTheBasicPlane() {
        assertEquals(List.of("1:5 Invalid heredoc introducer"), errors("a = <<EOT \uD83D\uDE00\nEOT\nb = 1\n"));
    }

    @Test
    void badEscapeRangeCountsCodePoints() {
        Diagnostics d = new Diagnostics();
        Hcl.parseExpression("\"\\u\uD83D\uDE00\uD83D\uDE00\"", "main.hcl", d);
        assertEquals("[error: Invalid escape sequence (main.hcl:1,2-1,6)]",
                d.asList().toString().replaceAll(": The .*", "]"));
    }

    @Test
    void unclosedSplat() {
        assertEquals(List.of("1:9 Missing close bracket on splat index"), errors("a = x[* .y\n"));
        assertEquals(List.of("1:8 Missing close bracket on splat index"), errors("a = x[*\n"));
    }

    @Test
    void endOfLineIsWhereTheCarriageReturnIs() {
        assertEquals(List.of("2:10 Missing expression"), errors("locals {\r\n  a = 1 +\r\n}\r\n"));
        assertEquals(List.of(), errors("locals {\r\n  a = 1\r\n  b = \"x\" # c\r\n}\r\n"));
    }
}
