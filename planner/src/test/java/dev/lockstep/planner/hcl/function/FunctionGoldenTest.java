package dev.lockstep.planner.hcl.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.print.ConsoleFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every conformance case that consists only of literals, references and function calls
 * (see {@link MiniExpressions}) through the standard library and the console printer, and
 * compares with Terraform's recorded output. Cases that need operators, templates, for
 * expressions or heredocs are left to the evaluator's conformance test.
 */
class FunctionGoldenTest {

    static final Map<String, String> ENVIRONMENT = Map.of("LOCKSTEP_CONFORMANCE", "env-value");

    static Map<String, Function> library() {
        return StandardLibrary.create(new FunctionContext(ConformanceCases.root(), ENVIRONMENT, false));
    }

    /** The console output of a case, or "error: summary", or null if the reader cannot handle it. */
    static String run(ConformanceCases.Case c, Map<String, Function> lib) {
        try {
            Value v = MiniExpressions.evaluate(c.expression(), lib, PreludeValues.variables(), PreludeValues.locals());
            return ConsoleFormat.format(v);
        } catch (MiniExpressions.Unsupported e) {
            return null;
        } catch (MiniExpressions.CallFailed e) {
            return "error: " + e.summary;
        }
    }

    @TestFactory
    Stream<DynamicTest> goldens() {
        Map<String, Function> lib = library();
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceCases.Case c : ConformanceCases.all()) {
            if (c.expression().contains("\n") || run(c, lib) == null) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                String got = run(c, lib);
                String want = c.expectedError() != null ? "error: " + c.expectedError() : c.expected();
                assertEquals(want, got, c.expression());
            }));
        }
        return tests.stream();
    }

    @Test
    void mostCasesAreFunctionLevel() {
        Map<String, Function> lib = library();
        long runnable = ConformanceCases.all().stream()
                .filter(c -> !c.expression().contains("\n") && run(c, lib) != null).count();
        assertTrue(runnable >= 500, "only " + runnable + " cases are function-level");
    }

    @Test
    void everyNonEvaluatorCaseIsUnderstood() {
        // the evaluator-level files are the only ones the reader may skip
        Map<String, Function> lib = library();
        List<String> skipped = new ArrayList<>();
        for (ConformanceCases.Case c : ConformanceCases.all()) {
            if (List.of("operators.txt", "expressions.txt", "templates.txt").contains(c.file())) {
                continue;
            }
            if (run(c, lib) == null && !c.expression().contains("${") && !c.expression().contains(" ? ")
                    && !c.expression().contains("[for") && !c.expression().contains("==")
                    && !c.expression().contains(" + ") && !c.expression().contains("[*]")) {
                skipped.add(c.toString());
            }
        }
        assertNull(skipped.isEmpty() ? null : skipped, "cases the reader should handle");
    }
}
