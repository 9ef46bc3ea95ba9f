package dev.lockstep.planner.hcl.function;

import dev.lockstep.api.value.Value;
import java.util.List;

/** The implementation of a function, called with arguments already checked and converted. */
@FunctionalInterface
public interface FunctionBody {
    Value call(List<Value> args) throws FunctionException;
}
