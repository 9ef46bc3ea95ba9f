package dev.lockstep.planner.hcl.eval;

import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.AnonSymbolExpr;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names an expression can see while it is evaluated: root variables ({@code var},
 * {@code local}, {@code count}, resource types...), the functions, and the bindings of enclosing
 * {@code for} expressions and splats. Child contexts add bindings without copying the parent.
 */
public final class EvalContext {

    private final EvalContext parent;
    private final Map<String, Value> variables;
    private final Map<String, Function> functions;
    private final FunctionContext functionContext;
    private final AnonSymbolExpr anon;
    private final Value anonValue;
    private final RootScope scope;

    private EvalContext(EvalContext parent, Map<String, Value> variables, Map<String, Function> functions,
            FunctionContext functionContext, AnonSymbolExpr anon, Value anonValue, RootScope scope) {
        this.parent = parent;
        this.variables = variables;
        this.functions = functions;
        this.functionContext = functionContext;
        this.anon = anon;
        this.anonValue = anonValue;
        this.scope = scope;
    }

    /** A root context with the given variables and functions. */
    public static EvalContext of(Map<String, Value> variables, Map<String, Function> functions,
            FunctionContext functionContext) {
        return new EvalContext(null, Collections.unmodifiableMap(new HashMap<>(variables)), functions,
                functionContext, null, null, null);
    }

    /** A root context whose namespaces are resolved by {@code scope}. */
    public static EvalContext of(RootScope scope, Map<String, Function> functions, FunctionContext functionContext) {
        return new EvalContext(null, Map.of(), functions, functionContext, null, null, scope);
    }

    /** A context with additional (shadowing) variables, for the body of a {@code for} expression. */
    public EvalContext child(Map<String, Value> vars) {
        return new EvalContext(this, vars, functions, functionContext, null, null, null);
    }

    /** A context in which the splat placeholder {@code item} stands for {@code value}. */
    public EvalContext withAnon(AnonSymbolExpr item, Value value) {
        return new EvalContext(this, Map.of(), functions, functionContext, item, value, null);
    }

    /** The scope that resolves configuration namespaces, or null. */
    public RootScope scope() {
        for (EvalContext c = this; c != null; c = c.parent) {
            if (c.scope != null) {
                return c.scope;
            }
        }
        return null;
    }

    /** The value bound to a root name, or null if it is not in scope. */
    public Value lookup(String name) {
        for (EvalContext c = this; c != null; c = c.parent) {
            Value v = c.variables.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The value the splat placeholder stands for, or null when outside that splat. */
    public Value anon(AnonSymbolExpr item) {
        for (EvalContext c = this; c != null; c = c.parent) {
            if (c.anon == item) {
                return c.anonValue;
            }
        }
        return null;
    }

    /** Every root name in scope, for "did you mean" suggestions. */
    public Set<String> names() {
        Set<String> out = new TreeSet<>();
        for (EvalContext c = this; c != null; c = c.parent) {
            out.addAll(c.variables.keySet());
            if (c.scope != null) {
                out.addAll(c.scope.rootNames());
            }
        }
        return out;
    }

    public Map<String, Function> functions() {
        return functions;
    }

    public FunctionContext functionContext() {
        return functionContext;
    }
}
