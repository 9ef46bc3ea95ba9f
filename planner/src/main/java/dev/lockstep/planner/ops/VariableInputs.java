package dev.lockstep.planner.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a command's input variable values come from: the environment ({@code LOCKSTEP_VAR_name}),
 * {@code --var-file} files (relative to the configuration directory) and {@code --var NAME=VALUE}
 * assignments, the last winning. {@code *.auto.vars.hcl} files of the directory are read too.
 */
public record VariableInputs(Map<String, String> environment, List<Path> varFiles, List<String> assignments) {

    public VariableInputs {
        environment = Map.copyOf(environment);
        varFiles = List.copyOf(varFiles);
        assignments = List.copyOf(assignments);
    }

    /** No values given. */
    public static VariableInputs none() {
        return new VariableInputs(Map.of(), List.of(), List.of());
    }
}
