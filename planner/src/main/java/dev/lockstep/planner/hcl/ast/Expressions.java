package dev.lockstep.planner.hcl.ast;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Static analysis of expression trees: the references (traversals) an expression makes. */
public final class Expressions {

    private Expressions() {
    }

    /**
     * Every scope traversal in {@code e}, in source order, excluding names bound by enclosing
     * {@code for} expressions and template {@code for} directives inside {@code e}.
     */
    public static List<Traversal> references(Expression e) {
        List<Traversal> out = new ArrayList<>();
        collect(e, new HashSet<>(), out);
        return out;
    }

    /** The direct sub-expressions of {@code e}. */
    public static List<Expression> children(Expression e) {
        List<Expression> out = new ArrayList<>();
        if (e instanceof TemplateExpr t) {
            out.addAll(t.parts());
        } else if (e instanceof TemplateWrapExpr w) {
            out.add(w.wrapped());
        } else if (e instanceof TemplateForExpr f) {
            out.add(f.collection());
            out.add(f.body());
        } else if (e instanceof RelativeTraversalExpr r) {
            out.add(r.source());
        } else if (e instanceof IndexExpr i) {
            out.add(i.collection());
            out.add(i.key());
        } else if (e instanceof SplatExpr s) {
            out.add(s.source());
            out.add(s.each());
        } else if (e instanceof FunctionCallExpr f) {
            out.addAll(f.args());
        } else if (e instanceof ConditionalExpr c) {
            out.add(c.condition());
            out.add(c.trueResult());
            out.add(c.falseResult());
        } else if (e instanceof BinaryOpExpr b) {
            out.add(b.lhs());
            out.add(b.rhs());
        } else if (e instanceof UnaryOpExpr u) {
            out.add(u.operand());
        } else if (e instanceof TupleConsExpr t) {
            out.addAll(t.elements());
        } else if (e instanceof ObjectConsExpr o) {
            for (ObjectConsExpr.Item i : o.items()) {
                out.add(i.key());
                out.add(i.value());
            }
        } else if (e instanceof ObjectKeyExpr k) {
            if (!k.isBare()) {
                out.add(k.wrapped());
            }
        } else if (e instanceof ForExpr f) {
            out.add(f.collection());
            if (f.keyExpr() != null) {
                out.add(f.keyExpr());
            }
            out.add(f.valueExpr());
            if (f.condition() != null) {
                out.add(f.condition());
            }
        } else if (e instanceof ParenthesesExpr p) {
            out.add(p.inner());
        }
        return out;
    }

    private static void collect(Expression e, Set<String> bound, List<Traversal> out) {
        if (e instanceof ScopeTraversalExpr s) {
            if (!bound.contains(s.traversal().root())) {
                out.add(s.traversal());
            }
            return;
        }
        if (e instanceof ForExpr f) {
            collect(f.collection(), bound, out);
            Set<String> inner = new HashSet<>(bound);
            if (f.keyVar() != null) {
                inner.add(f.keyVar());
            }
            inner.add(f.valueVar());
            if (f.keyExpr() != null) {
                collect(f.keyExpr(), inner, out);
            }
            collect(f.valueExpr(), inner, out);
            if (f.condition() != null) {
                collect(f.condition(), inner, out);
            }
            return;
        }
        if (e instanceof TemplateForExpr f) {
            collect(f.collection(), bound, out);
            Set<String> inner = new HashSet<>(bound);
            if (f.keyVar() != null) {
                inner.add(f.keyVar());
            }
            inner.add(f.valueVar());
            collect(f.body(), inner, out);
            return;
        }
        for (Expression c : children(e)) {
            collect(c, bound, out);
        }
    }
}
