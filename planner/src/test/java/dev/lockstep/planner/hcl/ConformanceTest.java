package dev.lockstep.planner.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.ConformanceCases;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.StandardLibrary;
import dev.lockstep.planner.hcl.library.TemplateFile;
import dev.lockstep.planner.hcl.print.ConsoleFormat;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.scope.ConfigScope;
import dev.lockstep.planner.validate.ConfigValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Terraform conformance cases, end to end: each expression is parsed, evaluated with the
 * standard library and the variables and locals of {@code conformance/prelude.tf} (loaded as a
 * lockstep configuration), printed with {@link ConsoleFormat}, and compared with Terraform's
 * console output, or its error with the first diagnostic's summary. Deliberate differences use
 * the case's {@code lockstep-expect}. Cases listed in {@code conformance/known-gaps.txt} are
 * evaluator gaps still to close: they must still fail (so that the list shrinks when they are
 * fixed) and are reported, not hidden.
 */
class ConformanceTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("LOCKSTEP_CONFORMANCE", "env-value");

    @TempDir
    static Path configDir;

    private static ConfigScope scope;
    private static Map<String, Function> functions;

    private static synchronized EvalContext context() {
        if (scope == null) {
            try {
                Files.copy(ConformanceCases.root().resolve("prelude.tf"), configDir.resolve("prelude.hcl"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FunctionContext planCtx = new FunctionContext(ConformanceCases.root(), ENVIRONMENT, true);
            ConfigValidator.Result r = new ConfigValidator(Schemas.discover(), library(planCtx))
                    .validate(configDir, VariableValues.Sources.none());
            assertFalse(r.diagnostics().hasErrors(), () -> "prelude.tf: " + r.diagnostics());
            scope = r.scope();
            functions = library(new FunctionContext(ConformanceCases.root(), ENVIRONMENT, false));
        }
        return EvalContext.of(scope, functions, new FunctionContext(ConformanceCases.root(), ENVIRONMENT, false));
    }

    private static Map<String, Function> library(FunctionContext ctx) {
        Map<String, Function> all = new TreeMap<>(StandardLibrary.create(ctx));
        Map<String, Function> view = Collections.unmodifiableMap(all);
        all.put("templatefile", TemplateFile.create(ctx, view));
        return view;
    }

    /** What lockstep prints for a case: the console output, or "error: summary". */
    static String run(ConformanceCases.Case c) {
        Diagnostics d = new Diagnostics();
        Expression e = Hcl.parseExpression(c.expression() + "\n", c.name(), d);
        if (!d.hasErrors()) {
            Value v = Evaluator.evaluate(e, context(), d);
            if (!d.hasErrors()) {
                return ConsoleFormat.format(v);
            }
        }
        for (Diagnostic x : d) {
            if (x.isError()) {
                return "error: " + x.summary();
            }
        }
        throw new IllegalStateException("errors without an error diagnostic");
    }

    private static String expected(ConformanceCases.Case c) {
        return c.expectedError() != null ? "error: " + c.expectedError() : c.expected();
    }

    /** Case name to reason, from known-gaps.txt ("file:case  reason" lines). */
    static Map<String, String> knownGaps() {
        Map<String, String> gaps = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(ConformanceCases.root().resolve("known-gaps.txt"),
                    StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int sp = l.indexOf(' ');
                gaps.put(sp < 0 ? l : l.substring(0, sp), sp < 0 ? "" : l.substring(sp).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gaps;
    }

    @TestFactory
    Stream<DynamicTest> terraformConformance() {
        Map<String, String> gaps = knownGaps();
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceCases.Case c : ConformanceCases.all()) {
            String id = c.toString();
            tests.add(DynamicTest.dynamicTest(id, () -> {
                String got = run(c);
                if (gaps.containsKey(id)) {
                    assertNotEquals(expected(c), got, id + " now passes: remove it from known-gaps.txt");
                } else {
                    assertEquals(expected(c), got, c.expression());
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void knownGapsNameRealCases() {
        List<String> ids = ConformanceCases.all().stream().map(Object::toString).toList();
        for (String gap : knownGaps().keySet()) {
            assertTrue(ids.contains(gap), "known-gaps.txt names an unknown case: " + gap);
        }
    }
}
