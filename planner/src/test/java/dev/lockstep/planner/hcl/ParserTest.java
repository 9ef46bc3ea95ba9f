package dev.lockstep.planner.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.BinaryOpExpr;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.ConditionalExpr;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.hcl.ast.ForExpr;
import dev.lockstep.planner.hcl.ast.FunctionCallExpr;
import dev.lockstep.planner.hcl.ast.IndexExpr;
import dev.lockstep.planner.hcl.ast.Operator;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.ast.SplatExpr;
import dev.lockstep.planner.hcl.ast.Traversal;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParserTest {

    private static Body parse(String src) {
        Diagnostics d = new Diagnostics();
        Body b = Hcl.parseFile(src, "main.hcl", d);
        assertFalse(d.hasErrors(), () -> d.toString());
        return b;
    }

    private static List<String> errors(String src) {
        Diagnostics d = new Diagnostics();
        Hcl.parseFile(src, "main.hcl", d);
        return d.asList().stream().map(x -> x.summary() + "@" + x.subject().start().line() + ":"
                + x.subject().start().column()).collect(Collectors.toList());
    }

    private static Expression expr(String src) {
        Diagnostics d = new Diagnostics();
        Expression e = Hcl.parseExpression(src, "expr", d);
        assertFalse(d.hasErrors(), () -> d.toString());
        return e;
    }

    @Test
    void blocksLabelsAttributesAndComments() {
        Body b = parse("""
                # comment
                // another
                /* block
                   comment */
                resource "kubernetes_role" reader {
                  metadata {
                    name = "reader" # trailing
                  }
                  single { a = 1 }
                }
                """);
        assertEquals(1, b.items().size());
        Block r = b.blocks().get(0);
        assertEquals("resource", r.type());
        assertEquals(List.of("kubernetes_role", "reader"), r.labels().stream().map(Block.Label::value).toList());
        assertEquals(5, r.typeRange().start().line());
        Attribute name = r.body().blocks("metadata").get(0).body().attribute("name");
        assertEquals(7, name.nameRange().start().line());
        assertEquals(5, name.nameRange().start().column());
        assertEquals(1, r.body().blocks("single").get(0).body().attributes().size());
    }

    @Test
    void precedenceAndAssociativity() {
        BinaryOpExpr add = assertInstanceOf(BinaryOpExpr.class, expr("2 + 3 * 4"));
        assertEquals(Operator.ADD, add.op());
        assertEquals(Operator.MULTIPLY, ((BinaryOpExpr) add.rhs()).op());
        BinaryOpExpr sub = assertInstanceOf(BinaryOpExpr.class, expr("1 - 2 - 3"));
        assertInstanceOf(BinaryOpExpr.class, sub.lhs(), "left associative");
        BinaryOpExpr or = assertInstanceOf(BinaryOpExpr.class, expr("a && b || c == d"));
        assertEquals(Operator.OR, or.op());
        assertInstanceOf(ConditionalExpr.class, expr("a ? b : c ? d : e"));
    }

    @Test
    void traversalsIndexesAndSplats() {
        ScopeTraversalExpr t = assertInstanceOf(ScopeTraversalExpr.class, expr("a.b[0][\"k\"].c"));
        assertEquals("a", t.traversal().root());
        assertEquals(4, t.traversal().steps().size());
        assertInstanceOf(IndexExpr.class, expr("a[var.i]"));
        SplatExpr s = assertInstanceOf(SplatExpr.class, expr("a[*].b.c"));
        assertTrue(s.full());
        SplatExpr s2 = assertInstanceOf(SplatExpr.class, expr("a.*.b"));
        assertFalse(s2.full());
        ScopeTraversalExpr legacy = assertInstanceOf(ScopeTraversalExpr.class, expr("a.0.b"));
        assertInstanceOf(Traversal.Index.class, legacy.traversal().steps().get(0));
    }

    @Test
    void forExpressionsAndCalls() {
        ForExpr f = assertInstanceOf(ForExpr.class, expr("{for k, v in m : k => v... if v != null}"));
        assertTrue(f.grouping());
        assertEquals("k", f.keyVar());
        FunctionCallExpr c = assertInstanceOf(FunctionCallExpr.class, expr("concat(a,\n b, xs...)"));
        assertTrue(c.expandFinal());
        assertEquals(3, c.args().size());
        List<String> refs = Expressions.references(expr("[for x in var.list : x.name if local.ok]")).stream()
                .map(Traversal::display).toList();
        assertEquals(List.of("var.list", "local.ok"), refs, "the loop variable is not a reference");
    }

    @Test
    void missingClosingBraceIsAnErrorOnTheOpeningBrace() {
        List<String> e = errors("""
                resource "a" "b" {
                  x = 1

                resource "c" "d" {
                  y = 2
                }
                """);
        assertEquals(List.of("Unclosed configuration block@1:18"), e);
    }

    @Test
    void attributeWithoutValueAndTwoOnALine() {
        assertEquals(List.of("Missing argument value@1:4"), errors("x =\ny = 1\n"));
        assertEquals(List.of("Missing newline after argument@1:7"), errors("a = 1 b = 2\n"));
    }

    @Test
    void unclosedTupleAndStringAndHeredoc() {
        assertEquals(List.of("Unterminated tuple constructor@1:5"), errors("x = [1, 2"));
        assertTrue(errors("x = \"abc\ny = 1\n").get(0).startsWith("Invalid multi-line string@1:5"));
        assertEquals(List.of("Unterminated template string@1:5"), errors("x = <<EOT\nabc\n"));
    }

    @Test
    void badEscapePointsAtTheBackslash() {
        List<String> e = errors("x = \"ab\\qc\"\n");
        assertEquals(List.of("Invalid escape sequence@1:8"), e);
    }

    @Test
    void everyErrorInAFileIsReported() {
        List<String> e = errors("""
                a = 1 +
                b = [
                c = "ok"
                d = ;
                """);
        assertTrue(e.size() >= 2, e.toString());
        for (String s : e) {
            assertFalse(s.contains("@0:"), s);
        }
    }

    @Test
    void deepNestingIsADiagnosticNotAStackOverflow() {
        Diagnostics d = new Diagnostics();
        Hcl.parseExpression("[".repeat(100_000), "deep", d);
        assertTrue(d.hasErrors());
        Diagnostic first = d.asList().get(0);
        assertEquals("Expression too deeply nested", first.summary());
    }
}
