package dev.lockstep.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.function.FunctionContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regressions for configuration errors found by the malformed corpus: message and location. */
class ConfigErrorTest {

    /** The errors of loading {@code src} as the only file of a configuration, as {@code line:column summary}. */
    static List<String> errors(String src) {
        Diagnostics d = new Diagnostics();
        Body body = Hcl.parseFile(src, "main.hcl", d);
        new ConfigLoader(d, EvalContext.of(Map.of(), Map.of(), FunctionContext.defaults()))
                .decode(Path.of("."), Map.of("main.hcl", src), Map.of("main.hcl", body));
        List<String> out = new ArrayList<>();
        for (Diagnostic x : d) {
            if (x.isError()) {
                out.add(x.subject().start().line() + ":" + x.subject().start().column() + " " + x.summary());
            }
        }
        return out;
    }

    @Test
    void labelOnLifecycle() {
        assertEquals(List.of("2:13 Extraneous label for lifecycle"),
                errors("resource \"terraform_data\" \"a\" {\n  lifecycle \"x\" {\n  }\n}\n"));
    }

    @Test
    void duplicateLifecycleBlock() {
        assertEquals(List.of("5:3 Duplicate lifecycle block"), errors("resource \"terraform_data\" \"a\" {\n  lifecycle {\n"
                + "    prevent_destroy = true\n  }\n  lifecycle {\n    prevent_destroy = false\n  }\n}\n"));
    }

    @Test
    void invalidUtf8IsReportedAtItsFirstBadByte(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path f = dir.resolve("main.hcl");
        java.nio.file.Files.write(f, new byte[] {'a', '\n', ' ', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xE9, '\n'});
        Diagnostics d = new Diagnostics();
        assertEquals(null, ConfigLoader.readSource(f, "main.hcl", d));
        assertEquals("main.hcl:2,4-2,4", d.asList().get(0).subject().toString());
    }

    @Test
    void conditionBlocksNeedAConditionAndAMessage() {
        assertEquals(List.of("3:5 Missing required argument", "3:5 Missing required argument"),
                errors("resource \"terraform_data\" \"a\" {\n  lifecycle {\n    precondition {\n    }\n  }\n}\n"));
        assertEquals(List.of("4:5 Unsupported argument", "3:3 Missing required argument"),
                errors("output \"x\" {\n  value = 1\n  precondition {\n    conditon      = true\n"
                        + "    error_message = \"m\"\n  }\n}\n"));
    }
}
