package dev.lockstep.planner.testing;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.Library;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.validate.ConfigValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helper: writes configuration files into a directory and validates them. */
public final class Configs {

    private Configs() {
    }

    /** Writes name/content pairs into {@code dir}. */
    public static Path write(Path dir, String... nameAndContent) {
        try {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                Path p = dir.resolve(nameAndContent[i]);
                Files.createDirectories(p.getParent());
                Files.writeString(p, nameAndContent[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static ConfigValidator.Result validate(Path dir, VariableValues.Sources sources) {
        ConfigValidator v = new ConfigValidator(Schemas.discover(),
                Library.all(new FunctionContext(dir, Map.of(), true)));
        return v.validate(dir, sources);
    }

    public static ConfigValidator.Result validate(Path dir) {
        return validate(dir, VariableValues.Sources.none());
    }

    /** "summary @ file:line:column" per diagnostic, one per line, for readable assertion messages. */
    public static String describe(Diagnostics d) {
        return d.asList().stream().map(Configs::describe).collect(Collectors.joining("\n"));
    }

    public static String describe(Diagnostic d) {
        return d.severity().word() + ": " + d.summary() + (d.subject() == null ? "" : " @ " + d.subject().file() + ":"
                + d.subject().start().line() + ":" + d.subject().start().column()) + " -- " + d.detail();
    }
}
