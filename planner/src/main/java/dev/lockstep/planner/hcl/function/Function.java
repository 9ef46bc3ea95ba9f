package dev.lockstep.planner.hcl.function;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named HCL function: fixed parameters, an optional variadic parameter, a return-type rule and
 * a body. {@link #call} applies the uniform rules every function shares: arity, null checks,
 * conversion of each argument to its parameter type, unknown short-circuit and sensitive marks
 * carried from the arguments to the result.
 */
public final class Function {

    private final String name;
    private final List<Param> params;
    private final Param varParam;
    private final ReturnType returnType;
    private final FunctionBody body;
    private final String description;

    private Function(String name, List<Param> params, Param varParam, ReturnType returnType, FunctionBody body,
            String description) {
        this.name = name;
        this.params = List.copyOf(params);
        this.varParam = varParam;
        this.returnType = returnType;
        this.body = body;
        this.description = description;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<Param> params() {
        return params;
    }

    /** The variadic parameter, or null when the function takes a fixed number of arguments. */
    public Param varParam() {
        return varParam;
    }

    public String description() {
        return description;
    }

    /** A signature for messages, such as {@code join(separator, lists...)}. */
    public String signature() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(params.get(i).name());
        }
        if (varParam != null) {
            if (!params.isEmpty()) {
                sb.append(", ");
            }
            sb.append(varParam.name()).append("...");
        }
        return sb.append(')').toString();
    }

    /** The parameter that receives argument {@code i}, or null if there is none. */
    public Param paramFor(int i) {
        if (i < params.size()) {
            return params.get(i);
        }
        return varParam;
    }

    /**
     * Calls the function. Arity problems and argument problems come back as a
     * {@link FunctionException} naming the argument.
     */
    public Value call(List<Value> args) throws FunctionException {
        if (args.size() < params.size()) {
            Param missing = params.get(args.size());
            throw FunctionException.qualified(-1, FunctionException.NOT_ENOUGH_ARGUMENTS, "Function \"" + name
                    + "\" expects " + arity() + ". Missing value for \"" + missing.name() + "\".");
        }
        if (varParam == null && args.size() > params.size()) {
            throw FunctionException.qualified(params.size(), FunctionException.TOO_MANY_ARGUMENTS,
                    "Function \"" + name + "\" expects only " + arity() + ".");
        }
        boolean sensitive = false;
        boolean anyUnknown = false;
        List<Value> converted = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Param p = paramFor(i);
            Value v = args.get(i);
            if (!p.allowMarked() && v.containsSensitive()) {
                sensitive = true;
                v = v.unmarkDeep();
            }
            if (v.isNull() && !p.allowNull()) {
                throw qualify(new FunctionException(i, "argument must not be null."));
            }
            if (p.type() != Type.DYNAMIC) {
                try {
                    v = Conversion.convert(v, p.type());
                } catch (ConversionException e) {
                    throw qualify(new FunctionException(i, e.getMessage() + "."));
                }
            }
            if (!p.allowUnknown() && !v.isWhollyKnown()) {
                anyUnknown = true;
            }
            converted.add(v);
        }
        Value result;
        try {
            Type rt = returnType.of(converted);
            if (anyUnknown) {
                result = Value.unknown(rt);
            } else {
                result = body.call(converted);
            }
        } catch (FunctionException e) {
            throw qualify(e);
        }
        return result.markSensitiveIf(sensitive);
    }

    /**
     * Words a bare failure from a body the way Terraform does. An argument problem names the
     * parameter ({@code Invalid value for "num" parameter: ...}); a failure of the call as a whole
     * keeps its bare reason, which the evaluator shows after {@code Call to function "f" failed:}.
     * Already qualified failures pass through.
     */
    private FunctionException qualify(FunctionException e) {
        if (e.isQualified()) {
            return e;
        }
        Param p = e.argIndex() >= 0 ? paramFor(e.argIndex()) : null;
        if (p != null) {
            String prefix = "Invalid value for \"" + p.name() + "\" parameter: ";
            String message = e.getMessage().startsWith(prefix) ? e.getMessage() : prefix + e.getMessage();
            return FunctionException.qualified(e.argIndex(), FunctionException.INVALID_ARGUMENT, message);
        }
        return FunctionException.qualified(-1, FunctionException.CALL_FAILED, e.getMessage());
    }

    private String arity() {
        int n = params.size();
        String s = (varParam == null ? "" : "at least ") + n + " argument(s)";
        return n == 0 && varParam == null ? "no arguments" : s;
    }

    /** Builds a {@link Function}; parameters are declared in order. */
    public static final class Builder {
        private final String name;
        private final List<Param> params = new ArrayList<>();
        private Param varParam;
        private ReturnType returnType;
        private String description = "";

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        public Builder param(Param p) {
            params.add(p);
            return this;
        }

        public Builder param(String name, Type type) {
            return param(Param.of(name, type));
        }

        public Builder varParam(Param p) {
            varParam = p;
            return this;
        }

        public Builder returns(Type t) {
            returnType = ReturnType.fixed(t);
            return this;
        }

        public Builder returns(ReturnType rt) {
            returnType = rt;
            return this;
        }

        public Builder description(String d) {
            description = d;
            return this;
        }

        public Function body(FunctionBody body) {
            if (returnType == null) {
                throw new IllegalStateException("function " + name + " has no return type");
            }
            return new Function(name, params, varParam, returnType, body, description);
        }
    }
}
