package dev.lockstep.planner.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.FunctionContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile sizes: deeply nested brackets, blocks, operators, splats and template directives, and
 * very long strings must give a clean diagnostic (or a value) in reasonable time, never a
 * {@link StackOverflowError} or another exception.
 */
class DeepInputTest {

    private static final int N = 100_000;
    private static final EvalContext CTX = EvalContext.of(Map.of(), Map.of(), FunctionContext.defaults());

    /** Parses, evaluates and analyses {@code src} as an expression; returns the diagnostics. */
    private static Diagnostics expression(String src) {
        Diagnostics d = new Diagnostics();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Expression e = Hcl.parseExpression(src, "deep.hcl", d);
            Evaluator.evaluate(e, CTX, d);
            Expressions.references(e);
        });
        return d;
    }

    /** Parses {@code src} as a file and evaluates and analyses its top-level attributes. */
    private static Diagnostics file(String src) {
        Diagnostics d = new Diagnostics();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Body b = Hcl.parseFile(src, "deep.hcl", d);
            for (Body.BodyItem item : b.items()) {
                if (item instanceof Attribute a) {
                    Evaluator.evaluate(a.expr(), CTX, d);
                    Expressions.references(a.expr());
                }
            }
        });
        return d;
    }

    /** Exactly one error, with this summary, located inside the input. */
    private static void oneError(Diagnostics d, String summary, String src) {
        assertEquals(1, d.errorCount(), d::toString);
        Diagnostic x = d.asList().get(0);
        assertEquals(summary, x.summary());
        assertTrue(x.subject().start().line() >= 1 && x.subject().end().offset() <= src.length(), x::toString);
    }

    @Test
    void deepBrackets() {
        String src = "[".repeat(N);
        oneError(expression(src), "Expression too deeply nested", src);
    }

    @Test
    void deepParentheses() {
        String src = "(".repeat(N);
        oneError(expression(src), "Expression too deeply nested", src);
    }

    @Test
    void deepInterpolations() {
        String src = "\"${".repeat(N);
        assertTrue(expression(src).asList().stream().anyMatch(x -> x.summary().equals("Expression too deeply nested")));
    }

    @Test
    void deepUnaryOperators() {
        String src = "!".repeat(N) + "true";
        oneError(expression(src), "Expression too deeply nested", src);
    }

    @Test
    void longStringIsAValue() {
        String src = "\"" + "a".repeat(1_000_000) + "\"";
        assertTrue(expression(src).isEmpty());
    }

    @Test
    void longUnterminatedString() {
        String src = "\"" + "a".repeat(1_000_000);
        oneError(expression(src), "Unterminated template string", src);
    }

    @Test
    void longHeredocIsAValue() {
        String src = "a = <<EOT\n" + "a".repeat(1_000_000) + "\nEOT\n";
        assertTrue(file(src).isEmpty());
    }

    @Test
    void deepBraces() {
        String src = "{".repeat(N);
        oneError(expression(src), "Expression too deeply nested", src);
    }

    @Test
    void deepBlocks() {
        String closed = "a {\n".repeat(N) + "}\n".repeat(N);
        oneError(file(closed), "Blocks too deeply nested", closed);
        String unclosed = "a {\n".repeat(N);
        oneError(file(unclosed), "Blocks too deeply nested", unclosed);
    }

    @Test
    void longOperatorChains() {
        String sum = "1" + " + 1".repeat(N);
        oneError(expression(sum), "Expression too deeply nested", sum);
        String and = "true" + " && true".repeat(N);
        oneError(expression(and), "Expression too deeply nested", and);
        assertTrue(expression("1" + " + 1".repeat(400)).isEmpty());
    }

    @Test
    void longSplatChain() {
        String src = "[1]" + "[*]".repeat(N);
        oneError(expression(src), "Expression too deeply nested", src);
    }

    @Test
    void longTraversalsTakeLinearTime() {
        String attrs = "{ a = 1 }" + ".a".repeat(N);
        oneError(expression(attrs), "Unsupported attribute", attrs);
        String indexes = "[[1]]" + "[0]".repeat(N);
        oneError(expression(indexes), "Invalid index", indexes);
    }

    @Test
    void deepTemplateDirectives() {
        String closed = "\"" + "%{if true}".repeat(N) + "%{endif}".repeat(N) + "\"";
        oneError(expression(closed), "Template directives too deeply nested", closed);
        String loops = "<<EOT\n" + "%{for x in [1]}".repeat(N) + "\nEOT\n";
        oneError(expression(loops), "Template directives too deeply nested", loops);
    }

    @Test
    void hugeNumbers() {
        String literal = "1e999999999 + 1";
        oneError(expression(literal), "Invalid number literal", literal);
        String tiny = "1e-999999999";
        oneError(expression(tiny), "Invalid number literal", tiny);
        String product = "1e6000 * 1e6000";
        oneError(expression(product), "Operation failed", product);
        assertTrue(expression("1e400 + 1e-400").isEmpty());
    }
}
