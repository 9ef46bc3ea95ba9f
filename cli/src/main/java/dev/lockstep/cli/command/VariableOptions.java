package dev.lockstep.cli.command;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.VariableValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --var} and {@code --var-file} options, shared by every command that evaluates the configuration. */
public final class VariableOptions {

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Set an input variable. Highest precedence; repeatable.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "Read variable values from an HCL file (name = value lines); repeatable.")
    List<Path> varFiles = new ArrayList<>();

    private Map<String, Value> fixed = Map.of();

    /** The variable sources, with the process environment for LOCKSTEP_VAR_ variables. */
    public VariableValues.Sources sources() {
        return new VariableValues.Sources(System.getenv(), varFiles, vars, fixed);
    }

    /** These options plus values already decided (a saved plan's), which win over every other source. */
    VariableOptions withFixed(Map<String, Value> values) {
        VariableOptions o = new VariableOptions();
        o.vars = vars;
        o.varFiles = varFiles;
        o.fixed = Map.copyOf(values);
        return o;
    }

    /** Options holding only fixed values. */
    static VariableOptions fixed(Map<String, Value> values) {
        return new VariableOptions().withFixed(values);
    }

    Map<String, Value> fixedValues() {
        return fixed;
    }
}
