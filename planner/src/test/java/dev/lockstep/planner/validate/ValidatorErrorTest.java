package dev.lockstep.planner.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.schema.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regressions for whole-configuration validation found by the malformed corpus. */
class ValidatorErrorTest {

    @TempDir
    Path dir;

    /** The errors of validating {@code src} as main.hcl, as {@code line:column summary}. */
    List<String> errors(String src) throws IOException {
        Files.writeString(dir.resolve("main.hcl"), src);
        ConfigValidator.Result r = new ConfigValidator(Schemas.of(), Map.of()).validate(dir,
                VariableValues.Sources.none());
        List<String> out = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            if (d.isError()) {
                out.add(d.subject().start().line() + ":" + d.subject().start().column() + " " + d.summary());
            }
        }
        return out;
    }

    @Test
    void anUndeclaredReferenceIsReportedOnce() throws IOException {
        assertEquals(List.of("2:7 Reference to undeclared input variable"), errors("locals {\n  a = var.nope\n}\n"));
        assertEquals(List.of("2:7 Invalid reference"), errors("locals {\n  a = var\n}\n"));
        assertEquals(List.of("2:11 Reference to \"count\" in non-counted context"),
                errors("resource \"terraform_data\" \"a\" {\n  input = count.index\n}\n"));
    }

    @Test
    void validationRulesReferToTheirVariableOnly() throws IOException {
        assertEquals(List.of("6:30 Invalid reference in variable validation"), errors("locals {\n  a = 1\n}\n"
                + "variable \"v\" {\n  validation {\n    condition     = var.v == local.a\n    error_message = \"m\"\n"
                + "  }\n}\n"));
        assertEquals(List.of("7:24 Invalid reference in variable validation"), errors("variable \"y\" {\n}\n"
                + "variable \"v\" {\n  default = 1\n  validation {\n    condition     = var.v > 0\n"
                + "    error_message = \"${var.y}\"\n  }\n}\n"));
    }
}
