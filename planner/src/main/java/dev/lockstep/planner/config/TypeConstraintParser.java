package dev.lockstep.planner.config;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.FunctionCallExpr;
import dev.lockstep.planner.hcl.ast.LiteralExpr;
import dev.lockstep.planner.hcl.ast.ObjectConsExpr;
import dev.lockstep.planner.hcl.ast.ObjectKeyExpr;
import dev.lockstep.planner.hcl.ast.ParenthesesExpr;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.ast.TemplateExpr;
import dev.lockstep.planner.hcl.ast.TupleConsExpr;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a type-constraint expression ({@code string}, {@code list(object({a = optional(number,
 * 1)}))}, {@code any}...) without evaluating it as a value, the way HCL's typeexpr package does.
 */
public final class TypeConstraintParser {

    private final Diagnostics diags;
    private final EvalContext defaultsContext;

    /**
     * @param defaultsContext the context {@code optional()} defaults are evaluated in (functions,
     *     no variables)
     */
    public TypeConstraintParser(Diagnostics diags, EvalContext defaultsContext) {
        this.diags = diags;
        this.defaultsContext = defaultsContext;
    }

    /** The constraint, or {@link TypeConstraint#ANY} after reporting a problem. */
    public TypeConstraint parse(Expression e) {
        TypeConstraint t = parse(e, false);
        return t == null ? TypeConstraint.ANY : t;
    }

    private TypeConstraint parse(Expression e, boolean inObject) {
        if (e instanceof ParenthesesExpr p) {
            return parse(p.inner(), inObject);
        }
        if (e instanceof ScopeTraversalExpr s && s.traversal().steps().isEmpty()) {
            switch (s.traversal().root()) {
                case "string":
                    return TypeConstraint.of(Type.STRING);
                case "number":
                    return TypeConstraint.of(Type.NUMBER);
                case "bool":
                    return TypeConstraint.of(Type.BOOL);
                case "any":
                    return TypeConstraint.ANY;
                case "list":
                case "set":
                case "map":
                case "object":
                case "tuple":
                    return fail(e, "The " + s.traversal().root() + " type constructor requires one argument "
                            + "specifying the element type" + (s.traversal().root().equals("object")
                            ? "s, as in object({name = string})." : ", as in " + s.traversal().root() + "(string)."));
                default:
                    return fail(e, "The keyword \"" + s.traversal().root() + "\" is not a valid type specification. "
                            + "The types are string, number, bool, any, list(...), set(...), map(...), object({...}) "
                            + "and tuple([...]).");
            }
        }
        if (e instanceof FunctionCallExpr f) {
            String n = f.name();
            switch (n) {
                case "list":
                case "set":
                case "map": {
                    if (f.args().size() != 1) {
                        return fail(e, "The " + n + " type constructor requires one argument specifying the element "
                                + "type.");
                    }
                    TypeConstraint el = parse(f.args().get(0), false);
                    if (el == null) {
                        return null;
                    }
                    Type t = n.equals("list") ? new ListType(el.type())
                            : n.equals("set") ? new SetType(el.type()) : new MapType(el.type());
                    Map<String, TypeConstraint> nested = el.hasDefaults() ? Map.of("", el) : Map.of();
                    return new TypeConstraint(t, Map.of(), nested);
                }
                case "tuple": {
                    if (f.args().size() != 1 || !(f.args().get(0) instanceof TupleConsExpr tc)) {
                        return fail(e, "The tuple type constructor requires one argument: a list of element types, "
                                + "as in tuple([string, number]).");
                    }
                    List<Type> els = new java.util.ArrayList<>();
                    Map<String, TypeConstraint> nested = new LinkedHashMap<>();
                    for (int i = 0; i < tc.elements().size(); i++) {
                        TypeConstraint el = parse(tc.elements().get(i), false);
                        if (el == null) {
                            return null;
                        }
                        els.add(el.type());
                        if (el.hasDefaults()) {
                            nested.put(Integer.toString(i), el);
                        }
                    }
                    return new TypeConstraint(new TupleType(els), Map.of(), nested);
                }
                case "object":
                    return object(f);
                case "optional":
                    return fail(e, "Keyword \"optional\" is valid only as a modifier for object type attributes, as "
                            + "in object({name = optional(string)}).");
                default:
                    return fail(e, "Keyword \"" + n + "\" is not a valid type constructor.");
            }
        }
        return fail(e, "A type specification is either a primitive type keyword (bool, number, string), \"any\", or "
                + "a complex type constructor call, like list(string).");
    }

    private TypeConstraint object(FunctionCallExpr f) {
        if (f.args().size() != 1 || !(f.args().get(0) instanceof ObjectConsExpr oc)) {
            return fail(f, "The object type constructor requires one argument specifying the attribute types as a "
                    + "map, as in object({name = string}).");
        }
        Map<String, Type> attrs = new LinkedHashMap<>();
        Set<String> optional = new HashSet<>();
        Map<String, Value> defaults = new LinkedHashMap<>();
        Map<String, TypeConstraint> nested = new LinkedHashMap<>();
        for (ObjectConsExpr.Item item : oc.items()) {
            String name = keyName(item.key());
            if (name == null) {
                return fail(item.key(), "Object constructor map keys must be attribute names.");
            }
            if (attrs.containsKey(name)) {
                return fail(item.key(), "Attribute \"" + name + "\" is declared more than once in this object type.");
            }
            Expression te = item.value();
            if (te instanceof FunctionCallExpr oc2 && oc2.name().equals("optional")) {
                if (oc2.args().isEmpty() || oc2.args().size() > 2) {
                    return fail(te, "Optional attribute modifier expects one or two arguments: the type and an "
                            + "optional default value.");
                }
                TypeConstraint at = parse(oc2.args().get(0), true);
                if (at == null) {
                    return null;
                }
                optional.add(name);
                attrs.put(name, at.type());
                if (at.hasDefaults()) {
                    nested.put(name, at);
                }
                if (oc2.args().size() == 2) {
                    Value d = Evaluator.evaluate(oc2.args().get(1), defaultsContext, diags);
                    try {
                        d = Conversion.convert(d, at.type());
                        d = at.applyDefaults(d);
                    } catch (ConversionException ex) {
                        return fail(oc2.args().get(1), "Invalid default value for optional attribute \"" + name
                                + "\": " + ex.getMessage() + ".");
                    }
                    defaults.put(name, d);
                }
            } else {
                TypeConstraint at = parse(te, true);
                if (at == null) {
                    return null;
                }
                attrs.put(name, at.type());
                if (at.hasDefaults()) {
                    nested.put(name, at);
                }
            }
        }
        return new TypeConstraint(new ObjectType(attrs, optional), defaults, nested);
    }

    private static String keyName(Expression key) {
        if (key instanceof ObjectKeyExpr k) {
            if (k.isBare()) {
                return k.bareName();
            }
            key = k.wrapped();
        }
        if (key instanceof TemplateExpr t && t.isLiteral()) {
            return ((LiteralExpr) t.parts().get(0)).value().asString();
        }
        if (key instanceof ScopeTraversalExpr s && s.traversal().steps().isEmpty()) {
            return s.traversal().root();
        }
        return null;
    }

    private TypeConstraint fail(Expression e, String detail) {
        diags.error("Invalid type specification", detail, e.range());
        return null;
    }
}
