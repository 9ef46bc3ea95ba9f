package dev.lockstep.secrets.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.Library;
import dev.lockstep.planner.schema.BodyDecoder;
import java.util.Map;

/** Decodes HCL the way the engine does (parser, evaluator, {@link BodyDecoder}), for settings and data source configs. */
public final class Hcl2 {

    private static final FunctionContext FUNCTIONS = FunctionContext.defaults();
    private static final EvalContext CONTEXT = EvalContext.of(Map.of(), Library.all(FUNCTIONS), FUNCTIONS);

    private Hcl2() {
    }

    /** Decodes {@code body} (the inside of a block) against {@code schema}; fails the test on any diagnostic. */
    public static Value decode(String body, BlockSchema schema) {
        Diagnostics d = new Diagnostics();
        Value v = decode(body, schema, d);
        assertFalse(d.hasErrors(), () -> "decoding failed: " + d);
        return v;
    }

    /** Decodes {@code body} against {@code schema}, reporting problems in {@code d}. */
    public static Value decode(String body, BlockSchema schema, Diagnostics d) {
        Body b = Hcl.parseFile(body, "test.hcl", d);
        return new BodyDecoder(d).decode(b, schema, CONTEXT, SourceRange.synthetic("test.hcl"));
    }

    /** The first block of {@code type} in a parsed file. */
    public static Block block(Body file, String type) {
        return file.blocks().stream().filter(b -> b.type().equals(type)).findFirst().orElseThrow();
    }

    /** Decodes a block's body as the engine does. */
    public static Value decode(Block block, BlockSchema schema, Diagnostics d) {
        return new BodyDecoder(d).decode(block.body(), schema, CONTEXT, block.range());
    }

    /** An HCL string literal for {@code s} (quotes, backslashes and template starts escaped). */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "$${").replace("%{", "%%{")
                + "\"";
    }
}
