package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.Param;
import java.util.List;

/**
 * Sensitive marks: {@code sensitive} adds the mark to a value, {@code nonsensitive} removes the
 * value's own mark (marks of its elements stay), {@code issensitive} tells whether the value
 * itself carries the mark.
 */
public final class MarkFunctions {

    private MarkFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(sensitive(), nonsensitive(), issensitive());
    }

    private static Param anything() {
        return Param.of("value", Type.DYNAMIC).nullable().unknownable().markable();
    }

    static Function sensitive() {
        return Function.builder("sensitive").param(anything()).returns(args -> args.get(0).type())
                .description("Marks the value as sensitive, so that it is never shown.")
                .body(args -> args.get(0).markSensitive());
    }

    static Function nonsensitive() {
        return Function.builder("nonsensitive").param(anything()).returns(args -> args.get(0).type())
                .description("Removes the sensitive mark from the value itself (not from its elements).")
                .body(args -> args.get(0).unmark());
    }

    static Function issensitive() {
        return Function.builder("issensitive").param(anything()).returns(Type.BOOL)
                .description("Whether the value itself is marked sensitive.")
                .body(args -> {
                    Value v = args.get(0);
                    if (v.isSensitive()) {
                        return Value.TRUE;
                    }
                    return v.isKnown() ? Value.FALSE : Value.unknown(Type.BOOL);
                });
    }
}
