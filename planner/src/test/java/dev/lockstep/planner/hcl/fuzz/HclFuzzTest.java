package dev.lockstep.planner.hcl.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.lexer.Lexer;
import dev.lockstep.planner.hcl.lexer.Token;
import dev.lockstep.planner.hcl.lexer.TokenType;
import dev.lockstep.planner.config.ConfigLoader;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.validate.ConfigValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Coverage-guided fuzz targets for the HCL front end and {@code validate}. Without {@code JAZZER_FUZZ} they replay the
 * seed inputs under {@code HclFuzzTestInputs/<method>/} as ordinary tests; with it (the planner's
 * {@code -Pfuzz} profile) Jazzer mutates them. For any input: no exception escapes the parser or
 * the evaluator, every diagnostic's range lies inside the input and agrees with itself (its line
 * and column are those of its offset), and an input whose brackets do not balance never parses
 * without an error.
 */
class HclFuzzTest {

    private static final String FILE = "fuzz.hcl";

    /** No variables and no functions: the fuzzer must not be able to read files or the environment. */
    private static final EvalContext EMPTY = EvalContext.of(Map.of(), Map.of(),
            new FunctionContext(Path.of("").toAbsolutePath(), Map.of(), true));

    @FuzzTest(maxDuration = "10s")
    @DictionaryFile(resourcePath = "hcl.dict")
    void parseFile(byte[] input) {
        String src = new String(input, StandardCharsets.UTF_8);
        Diagnostics diags = new Diagnostics();
        Body body = Hcl.parseFile(src, FILE, diags);
        assertNotNull(body);
        evaluateBody(body, diags);
        checkRanges(src, diags);
        if (!bracketsBalance(src)) {
            assertTrue(diags.hasErrors(), "unbalanced brackets parsed without an error");
        }
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryFile(resourcePath = "hcl.dict")
    void parseExpression(byte[] input) {
        String src = new String(input, StandardCharsets.UTF_8);
        Diagnostics diags = new Diagnostics();
        Expression e = Hcl.parseExpression(src, FILE, diags);
        assertNotNull(e);
        Evaluator.evaluate(e, EMPTY, diags);
        checkRanges(src, diags);
        if (!bracketsBalance(src)) {
            assertTrue(diags.hasErrors(), "unbalanced brackets parsed without an error");
        }
    }

    /**
     * The whole of {@code validate} on a one-file configuration: loader, graph, variables,
     * expansion, evaluation and schema checks (no functions, so nothing outside the file is read).
     */
    @FuzzTest(maxDuration = "10s")
    @DictionaryFile(resourcePath = "hcl.dict")
    void validateConfig(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            Files.write(dir.resolve(FILE), input);
            Diagnostics diags = new ConfigValidator(Schemas.of(), Map.of()).validate(dir,
                    VariableValues.Sources.none()).diagnostics();
            String src = ConfigLoader.readSource(dir.resolve(FILE), FILE, new Diagnostics());
            if (src == null) {
                assertTrue(diags.hasErrors(), "invalid UTF-8 accepted");
                return;
            }
            checkRanges(src, diags);
            if (!bracketsBalance(src)) {
                assertTrue(diags.hasErrors(), "unbalanced brackets validated without an error");
            }
        } finally {
            Files.deleteIfExists(dir.resolve(FILE));
            Files.deleteIfExists(dir);
        }
    }

    private static void evaluateBody(Body body, Diagnostics diags) {
        for (Body.BodyItem item : body.items()) {
            if (item instanceof Attribute a) {
                assertNotNull(Evaluator.evaluate(a.expr(), EMPTY, diags));
            } else {
                evaluateBody(((Block) item).body(), diags);
            }
        }
    }

    /** Every diagnostic points into the input, at a position whose line and column match its offset. */
    static void checkRanges(String src, Diagnostics diags) {
        for (Diagnostic d : diags) {
            SourceRange r = d.subject();
            assertNotNull(r, () -> "diagnostic without a range: " + d);
            assertEquals(FILE, r.file(), () -> "diagnostic in another file: " + d);
            checkPos(src, r.start(), d);
            checkPos(src, r.end(), d);
            assertTrue(r.start().offset() <= r.end().offset(), () -> "range ends before it starts: " + d);
            assertTrue(!d.summary().isBlank() && !d.detail().isBlank(), () -> "diagnostic without text: " + d);
        }
    }

    private static void checkPos(String src, SourcePos p, Diagnostic d) {
        assertTrue(p.line() >= 1 && p.column() >= 1, () -> "position before the start: " + d);
        assertTrue(p.offset() <= src.length(), () -> "position after the end of the input: " + d);
        assertEquals(position(src, p.offset()), p.line() + ":" + p.column(),
                () -> "line/column disagree with offset " + p.offset() + ": " + d);
    }

    /** The line and column (in code points, 1-based) of a character offset; a leading BOM takes no column. */
    static String position(String src, int offset) {
        int line = 1;
        int col = 1;
        int i = src.startsWith("\uFEFF") ? 1 : 0;
        while (i < offset) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                col = 1;
                i++;
            } else if (Character.isHighSurrogate(c) && i + 1 < src.length()
                    && Character.isLowSurrogate(src.charAt(i + 1))) {
                col++;
                i += 2;
            } else {
                col++;
                i++;
            }
        }
        return line + ":" + col;
    }

    /**
     * Whether the bracket tokens of {@code src} nest properly: {@code ( ) [ ] { }}, with
     * {@code ${} and {@code %{} closed by a template sequence end. Brackets inside strings,
     * heredocs and comments are not tokens, so they do not count. A valid file always balances.
     */
    static boolean bracketsBalance(String src) {
        Lexer lexer = new Lexer(src, FILE, new Diagnostics());
        Deque<TokenType> open = new ArrayDeque<>();
        for (Token t = lexer.next(); t.type() != TokenType.EOF; t = lexer.next()) {
            switch (t.type()) {
                case OPAREN:
                case OBRACK:
                case OBRACE:
                case TEMPLATE_INTERP:
                case TEMPLATE_CONTROL:
                    open.push(t.type());
                    break;
                case CPAREN:
                    if (open.isEmpty() || open.pop() != TokenType.OPAREN) {
                        return false;
                    }
                    break;
                case CBRACK:
                    if (open.isEmpty() || open.pop() != TokenType.OBRACK) {
                        return false;
                    }
                    break;
                case CBRACE:
                    if (open.isEmpty() || open.pop() != TokenType.OBRACE) {
                        return false;
                    }
                    break;
                case TEMPLATE_SEQ_END: {
                    if (open.isEmpty()) {
                        return false;
                    }
                    TokenType o = open.pop();
                    if (o != TokenType.TEMPLATE_INTERP && o != TokenType.TEMPLATE_CONTROL) {
                        return false;
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return open.isEmpty();
    }
}
