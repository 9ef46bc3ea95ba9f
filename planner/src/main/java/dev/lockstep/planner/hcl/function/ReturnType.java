package dev.lockstep.planner.hcl.function;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.List;

/**
 * Computes a function's result type from its (converted, possibly unknown) arguments, so that a
 * call with unknown arguments can return an unknown of the right type.
 */
@FunctionalInterface
public interface ReturnType {
    Type of(List<Value> args) throws FunctionException;

    static ReturnType fixed(Type t) {
        return args -> t;
    }
}
