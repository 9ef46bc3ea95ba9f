package dev.lockstep.planner.hcl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Body;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Formatting never changes what a file means: for every formatter case and every HCL input of
 * the planner's test resources (the fuzz seeds of the parser and the validator that are UTF-8 text, the function
 * conformance prelude), {@code parse(format(src))} is the same tree as {@code parse(src)},
 * source ranges aside. Inputs with syntax errors are returned unchanged, with their errors.
 */
class FormatterPropertyTest {

    private static final Path RESOURCES = FormatterConformanceTest.root().getParent();

    static List<Path> inputs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : new String[] {"fmt", "dev/lockstep/planner/hcl/fuzz/HclFuzzTestInputs/parseFile",
            "dev/lockstep/planner/hcl/fuzz/HclFuzzTestInputs/validateConfig"}) {
            try (Stream<Path> s = Files.list(RESOURCES.resolve(dir))) {
                s.filter(p -> !dir.equals("fmt") || p.toString().endsWith(".hcl")).filter(FormatterPropertyTest::isText)
                        .sorted().forEach(out::add);
            }
        }
        out.add(RESOURCES.resolve("conformance/prelude.tf"));
        return out;
    }

    static List<Path> validInputs() throws IOException {
        return inputs().stream().filter(p -> !parse(p).diags().hasErrors()).toList();
    }

    static List<Path> invalidInputs() throws IOException {
        return inputs().stream().filter(p -> parse(p).diags().hasErrors()).toList();
    }

    private record Parsed(Body body, Diagnostics diags) {
    }

    /** Whether the input is UTF-8 text; a few fuzz seeds are raw bytes, which the loader reports before parsing. */
    private static boolean isText(Path p) {
        try {
            Files.readString(p, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Parsed parse(Path p) {
        return parse(read(p));
    }

    private static Parsed parse(String src) {
        Diagnostics d = new Diagnostics();
        return new Parsed(Hcl.parseFile(src, "f.hcl", d), d);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validInputs")
    void formattingKeepsTheSyntaxTree(Path input) {
        String src = read(input);
        Diagnostics d = new Diagnostics();
        String out = Formatter.format(src, "f.hcl", d);
        assertFalse(d.hasErrors(), d::toString);
        Parsed after = parse(out);
        assertFalse(after.diags().hasErrors(), () -> "the formatted file does not parse: " + after.diags() + "\n" + out);
        assertNull(AstComparison.firstDifference(parse(src).body(), after.body()), "\n" + out);
        assertEquals(out, Formatter.format(out, "f.hcl", new Diagnostics()), "not idempotent");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void aFileWithSyntaxErrorsIsReturnedUnchangedWithItsErrors(Path input) {
        String src = read(input);
        Diagnostics d = new Diagnostics();
        assertSame(src, Formatter.format(src, "bad.hcl", d));
        assertTrue(d.hasErrors());
        for (Diagnostic x : d) {
            assertEquals("bad.hcl", x.subject().file(), x.toString());
            assertTrue(x.subject().start().line() >= 1 && x.subject().start().column() >= 1, x.toString());
        }
    }

    @Test
    void theCorpusHoldsBothKinds() throws IOException {
        assertTrue(validInputs().size() >= 100, "valid inputs: " + validInputs().size());
        assertFalse(invalidInputs().isEmpty());
    }

    @Test
    void theComparisonSeesADifference() {
        Body a = parse("a = 1\nb { c = [1, 2] }\n").body();
        assertNull(AstComparison.firstDifference(a, parse("a   =   1\nb {\n  c = [1,\n  2]\n}\n").body()));
        assertTrue(AstComparison.firstDifference(a, parse("a = 1\nb { c = [1, 3] }\n").body()) != null);
        assertTrue(AstComparison.firstDifference(a, parse("a = 1\nb \"x\" { c = [1, 2] }\n").body()) != null);
    }
}
