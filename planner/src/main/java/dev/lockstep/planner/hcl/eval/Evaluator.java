package dev.lockstep.planner.hcl.eval;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.AnonSymbolExpr;
import dev.lockstep.planner.hcl.ast.BinaryOpExpr;
import dev.lockstep.planner.hcl.ast.ConditionalExpr;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.ForExpr;
import dev.lockstep.planner.hcl.ast.FunctionCallExpr;
import dev.lockstep.planner.hcl.ast.IndexExpr;
import dev.lockstep.planner.hcl.ast.LiteralExpr;
import dev.lockstep.planner.hcl.ast.ObjectConsExpr;
import dev.lockstep.planner.hcl.ast.ObjectKeyExpr;
import dev.lockstep.planner.hcl.ast.ParenthesesExpr;
import dev.lockstep.planner.hcl.ast.RelativeTraversalExpr;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.ast.SplatExpr;
import dev.lockstep.planner.hcl.ast.TemplateExpr;
import dev.lockstep.planner.hcl.ast.TemplateForExpr;
import dev.lockstep.planner.hcl.ast.TemplateWrapExpr;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.ast.TupleConsExpr;
import dev.lockstep.planner.hcl.ast.UnaryOpExpr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions to values. Never throws for bad input: problems become diagnostics and
 * the failing sub-expression evaluates to an unknown of dynamic type, which propagates quietly so
 * that one mistake gives one message. Unknown values ("known after apply") and sensitive marks
 * flow through every construct.
 */
public final class Evaluator {

    private final Diagnostics diags;
    private final FunctionCalls calls;

    private Evaluator(Diagnostics diags) {
        this.diags = diags;
        this.calls = new FunctionCalls(this, diags);
    }

    /** Evaluates {@code expr} in {@code ctx}, adding any problems to {@code diags}. */
    public static Value evaluate(Expression expr, EvalContext ctx, Diagnostics diags) {
        return new Evaluator(diags).eval(expr, ctx);
    }

    Diagnostics diags() {
        return diags;
    }

    /** Evaluates with a separate diagnostics list (for try/can and conditional branches). */
    static Value evaluateInto(Expression expr, EvalContext ctx, Diagnostics into) {
        return new Evaluator(into).eval(expr, ctx);
    }

    Value eval(Expression e, EvalContext ctx) {
        if (e instanceof LiteralExpr l) {
            return l.value();
        }
        if (e instanceof ScopeTraversalExpr s) {
            return traversal(s.traversal(), ctx);
        }
        if (e instanceof TemplateExpr t) {
            return template(t, ctx);
        }
        if (e instanceof TemplateWrapExpr w) {
            return eval(w.wrapped(), ctx);
        }
        if (e instanceof FunctionCallExpr f) {
            return calls.call(f, ctx);
        }
        if (e instanceof BinaryOpExpr b) {
            Value l = eval(b.lhs(), ctx);
            Value r = eval(b.rhs(), ctx);
            return Operations.binary(b.op(), l, r, b.lhs().range(), b.rhs().range(), b.range(), diags);
        }
        if (e instanceof UnaryOpExpr u) {
            return Operations.unary(u.op(), eval(u.operand(), ctx), u.operand().range(), diags);
        }
        if (e instanceof ConditionalExpr c) {
            return conditional(c, ctx);
        }
        if (e instanceof TupleConsExpr t) {
            List<Value> out = new ArrayList<>(t.elements().size());
            for (Expression el : t.elements()) {
                out.add(eval(el, ctx));
            }
            return Value.tuple(out);
        }
        if (e instanceof ObjectConsExpr o) {
            return object(o, ctx);
        }
        if (e instanceof RelativeTraversalExpr r) {
            Value v = eval(r.source(), ctx);
            return steps(v, r.steps());
        }
        if (e instanceof IndexExpr i) {
            Value coll = eval(i.collection(), ctx);
            Value key = eval(i.key(), ctx);
            return Traversals.index(coll, key, i.openBracket(), diags);
        }
        if (e instanceof SplatExpr s) {
            return splat(s, ctx);
        }
        if (e instanceof AnonSymbolExpr a) {
            Value v = ctx.anon(a);
            if (v == null) {
                throw new IllegalStateException("splat placeholder evaluated outside its splat");
            }
            return v;
        }
        if (e instanceof ForExpr f) {
            return ForExpressions.evaluate(this, f, ctx);
        }
        if (e instanceof TemplateForExpr f) {
            return ForExpressions.template(this, f, ctx);
        }
        if (e instanceof ParenthesesExpr p) {
            return eval(p.inner(), ctx);
        }
        if (e instanceof ObjectKeyExpr k) {
            return eval(k.wrapped(), ctx);
        }
        throw new IllegalStateException("unhandled expression " + e.getClass().getSimpleName());
    }

    // ------------------------------------------------------------------ references

    private Value traversal(Traversal t, EvalContext ctx) {
        Value root = ctx.lookup(t.root());
        if (root != null) {
            return steps(root, t.steps());
        }
        RootScope scope = ctx.scope();
        if (scope != null) {
            int before = diags.errorCount();
            RootScope.Resolution r = scope.resolve(t, diags);
            if (r != null) {
                if (diags.errorCount() > before) {
                    return Value.DYNAMIC_UNKNOWN;
                }
                return steps(r.value(), t.steps().subList(r.stepsConsumed(), t.steps().size()));
            }
        }
        diags.error("Unknown variable", "There is no variable named \"" + t.root() + "\"."
                + Suggestions.didYouMean(t.root(), ctx.names()), t.rootRange());
        return Value.DYNAMIC_UNKNOWN;
    }

    private Value steps(Value v, List<Traversal.Step> steps) {
        for (Traversal.Step s : steps) {
            int before = diags.errorCount();
            if (s instanceof Traversal.Attr a) {
                v = Traversals.getAttr(v, a.name(), a.range(), diags);
            } else {
                v = Traversals.index(v, ((Traversal.Index) s).key(), s.range(), diags);
            }
            if (diags.errorCount() > before) {
                return Value.DYNAMIC_UNKNOWN;
            }
        }
        return v;
    }

    // ------------------------------------------------------------------ templates

    private Value template(TemplateExpr t, EvalContext ctx) {
        StringBuilder sb = new StringBuilder();
        boolean unknown = false;
        boolean mark = false;
        for (Expression part : t.parts()) {
            Value v = eval(part, ctx);
            if (v.containsSensitive()) {
                mark = true;
                v = v.unmarkDeep();
            }
            if (v.isNull()) {
                diags.error("Invalid template interpolation value", mark
                        ? "The value is a secret lockstep does not keep after it is created (such as a token's value), "
                        + "so it cannot be part of a string. Refer to it directly, as in data = { token = "
                        + "databricks_token.ci.token_value }, rather than inside a template."
                        : "The expression result is null. Cannot include a null value in a string template.",
                        part.range());
                unknown = true;
                continue;
            }
            if (!v.isKnown()) {
                unknown = true;
                continue;
            }
            try {
                Value s = Conversion.convert(v, Type.STRING);
                sb.append(s.asString());
            } catch (ConversionException ex) {
                diags.error("Invalid template interpolation value", "Cannot include the given value in a string "
                        + "template: string required.", part.range());
                unknown = true;
            }
        }
        Value out = unknown ? Value.unknown(Type.STRING) : Value.string(sb.toString());
        return out.markSensitiveIf(mark);
    }

    // ------------------------------------------------------------------ conditionals

    private Value conditional(ConditionalExpr c, EvalContext ctx) {
        Value cond = eval(c.condition(), ctx);
        Diagnostics trueDiags = new Diagnostics();
        Diagnostics falseDiags = new Diagnostics();
        Value t = evaluateInto(c.trueResult(), ctx, trueDiags);
        Value f = evaluateInto(c.falseResult(), ctx, falseDiags);
        Type resultType;
        if (t.type() == Type.DYNAMIC && t.isNull()) {
            resultType = f.type();
        } else if (f.type() == Type.DYNAMIC && f.isNull()) {
            resultType = t.type();
        } else {
            resultType = Conversion.unify(List.of(t.type(), f.type()));
        }
        if (resultType == null) {
            diags.addAll(trueDiags).addAll(falseDiags);
            diags.error("Inconsistent conditional result types", "The true and false result expressions must have "
                    + "consistent types. The 'true' value is " + t.type().friendlyName() + ", but the 'false' value is "
                    + f.type().friendlyName() + ".", c.range());
            return Value.DYNAMIC_UNKNOWN;
        }
        if (cond.isNull()) {
            diags.error("Null condition", "The condition value is null. Conditions must either be true or false.",
                    c.condition().range());
            return Value.unknown(resultType);
        }
        Value b;
        try {
            b = Conversion.convert(cond, Type.BOOL);
        } catch (ConversionException ex) {
            diags.error("Incorrect condition type", "The condition expression must be of type bool.",
                    c.condition().range());
            return Value.unknown(resultType);
        }
        boolean mark = b.isSensitive();
        if (!b.isKnown()) {
            return Value.unknown(resultType).markSensitiveIf(mark);
        }
        boolean which = b.unmark().asBool();
        Value chosen = which ? t : f;
        diags.addAll(which ? trueDiags : falseDiags);
        try {
            return Conversion.convert(chosen, resultType).markSensitiveIf(mark);
        } catch (ConversionException ex) {
            diags.error("Inconsistent conditional result types", "The " + (which ? "true" : "false") + " result value "
                    + "is the wrong type: " + ex.getMessage() + ".", (which ? c.trueResult() : c.falseResult()).range());
            return Value.unknown(resultType);
        }
    }

    // ------------------------------------------------------------------ objects

    private Value object(ObjectConsExpr o, EvalContext ctx) {
        Map<String, Value> attrs = new LinkedHashMap<>();
        boolean unknownKey = false;
        boolean mark = false;
        for (ObjectConsExpr.Item item : o.items()) {
            Value k = eval(item.key(), ctx);
            Value v = eval(item.value(), ctx);
            if (k.isNull()) {
                diags.error("Null value as key", "Can't use a null value as a key.", item.key().range());
                continue;
            }
            if (k.isSensitive()) {
                mark = true;
                k = k.unmark();
            }
            if (!k.isKnown()) {
                unknownKey = true;
                continue;
            }
            Value ks;
            try {
                ks = Conversion.convert(k, Type.STRING);
            } catch (ConversionException ex) {
                diags.error("Incorrect key type", "Can't use this value as a key: string required.",
                        item.key().range());
                continue;
            }
            attrs.put(ks.asString(), v);
        }
        if (unknownKey) {
            return Value.DYNAMIC_UNKNOWN.markSensitiveIf(mark);
        }
        return Value.object(attrs).markSensitiveIf(mark);
    }

    // ------------------------------------------------------------------ splats

    private Value splat(SplatExpr s, EvalContext ctx) {
        Value src = eval(s.source(), ctx);
        boolean mark = src.isSensitive();
        src = src.unmark();
        if (src.isNull()) {
            return Value.EMPTY_TUPLE.markSensitiveIf(mark);
        }
        if (!src.isKnown()) {
            return Value.DYNAMIC_UNKNOWN.markSensitiveIf(mark);
        }
        List<Value> items;
        boolean list = false;
        if (src.isSequence()) {
            items = src.elements();
            list = src.isList() || src.isSet();
        } else {
            items = List.of(src); // a single value splats as a one-element tuple
        }
        List<Value> out = new ArrayList<>(items.size());
        for (Value item : items) {
            out.add(eval(s.each(), ctx.withAnon(s.item(), item)));
        }
        if (list) {
            if (out.isEmpty()) {
                Type et = Type.DYNAMIC;
                return Value.emptyList(et).markSensitiveIf(mark);
            }
            try {
                List<Value> unified = Conversion.unifyValues(out);
                if (unified != null) {
                    return Value.list(unified.get(0).type(), unified).markSensitiveIf(mark);
                }
            } catch (ConversionException ex) {
                // fall through to a tuple
            }
        }
        return Value.tuple(out).markSensitiveIf(mark);
    }
}
