package dev.lockstep.planner.hcl.function;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the few functions that look outside their arguments may see: the configuration directory
 * (relative paths given to {@code file} and friends resolve against it), the environment (for
 * {@code env}), and whether impure functions ({@code uuid}, {@code timestamp}) return unknowns
 * because their value is only decided at apply.
 *
 * @param baseDir directory that relative paths resolve against
 * @param environment the variables {@code env()} may read
 * @param impureUnknown true while planning: impure functions return unknown values
 */
public record FunctionContext(Path baseDir, Map<String, String> environment, boolean impureUnknown) {

    /** A context for tests and the console: the current directory, the process environment. */
    public static FunctionContext defaults() {
        return new FunctionContext(Path.of("").toAbsolutePath(), System.getenv(), false);
    }
}
