package dev.lockstep.cli.command;

import dev.lockstep.planner.ops.VariableInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --var} and {@code --var-file} options, shared by every command that evaluates the configuration. */
public final class VariableOptions {

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Set an input variable. Highest precedence; repeatable.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "Read variable values from an HCL file (name = value lines), relative to the configuration "
                + "directory; repeatable.")
    List<Path> varFiles = new ArrayList<>();

    /** The variable inputs, with the process environment for LOCKSTEP_VAR_ variables. */
    public VariableInputs inputs() {
        return new VariableInputs(System.getenv(), varFiles, vars);
    }
}
