package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.util.List;

/**
 * {@code env(name)} and {@code env(name, default)}: a lockstep extension (Terraform has no env
 * function) that reads {@link FunctionContext#environment()}. Without a default, an unset
 * variable is an error; with one, the default is returned.
 */
public final class EnvironmentFunctions {

    private EnvironmentFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all(FunctionContext ctx) {
        return List.of(env(ctx));
    }

    static Function env(FunctionContext ctx) {
        return Function.builder("env").param("name", Type.STRING).varParam(Param.of("default", Type.STRING))
                .returns(Type.STRING)
                .description("Returns the value of an environment variable, or the default when it is not set.")
                .body(args -> {
                    if (args.size() > 2) {
                        throw new FunctionException("env takes one or two arguments.");
                    }
                    String value = ctx.environment().get(args.get(0).asString());
                    if (value != null) {
                        return Value.string(value);
                    }
                    if (args.size() == 2) {
                        return args.get(1);
                    }
                    throw new FunctionException(0, "the named environment variable is not set; "
                            + "give a default as the second argument to allow that.");
                });
    }
}
