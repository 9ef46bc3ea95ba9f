package dev.lockstep.planner.hcl.function;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.library.StandardLibrary;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small helpers for calling library functions in tests. */
final class Calls {

    static final Map<String, Function> LIB = StandardLibrary.create(FunctionContext.defaults());

    private Calls() {
    }

    static Value call(String name, Value... args) throws FunctionException {
        Function f = LIB.get(name);
        if (f == null) {
            throw new AssertionError("no function " + name);
        }
        return f.call(Arrays.asList(args));
    }

    static Value str(String s) {
        return Value.string(s);
    }

    static Value num(String n) {
        return Value.number(new BigDecimal(n));
    }

    static Value num(long n) {
        return Value.number(n);
    }

    static Value tuple(Value... vs) {
        return Value.tuple(List.of(vs));
    }

    static Value strList(String... ss) {
        return Value.list(Type.STRING, Arrays.stream(ss).map(Value::string).toList());
    }

    static Value secret(String s) {
        return Value.string(s).markSensitive();
    }
}
