package dev.lockstep.planner.hcl.format;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.AnonSymbolExpr;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/**
 * Structural equality of syntax trees, ignoring where things were written: two trees are the
 * same when every record component other than a {@link SourceRange} is the same, recursively.
 * (The AST records' own equals compare ranges too, and a splat's placeholder is compared by
 * identity; neither is changed for this.)
 */
final class AstComparison {

    private AstComparison() {
    }

    /** The path to the first difference between {@code a} and {@code b}, or null when they are the same tree. */
    static String firstDifference(Object a, Object b) {
        return diff(a, b, "");
    }

    private static String diff(Object a, Object b, String path) {
        if (a == null || b == null) {
            return a == b ? null : path + ": " + a + " vs " + b;
        }
        if (a.getClass() != b.getClass()) {
            return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
        }
        if (a instanceof SourceRange || a instanceof AnonSymbolExpr) {
            return null;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return path + ": " + la.size() + " items vs " + lb.size();
            }
            for (int i = 0; i < la.size(); i++) {
                String d = diff(la.get(i), lb.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.getClass().isRecord()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                String d = diff(component(c, a), component(c, b), path + "." + c.getName());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return Objects.equals(a, b) ? null : path + ": " + a + " vs " + b;
    }

    private static Object component(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
