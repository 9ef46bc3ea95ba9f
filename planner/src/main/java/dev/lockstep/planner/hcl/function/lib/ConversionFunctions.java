package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.util.List;

/**
 * Explicit type conversions: tostring, tonumber, tobool, tolist, toset and tomap. Nulls convert
 * to typed nulls, unknowns to unknowns of the wanted type, and sensitive marks are kept where
 * they are (a set lifts its elements' marks onto itself).
 */
public final class ConversionFunctions {

    private ConversionFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(to("tostring", Type.STRING), to("tonumber", Type.NUMBER), to("tobool", Type.BOOL),
                to("tolist", Type.list(Type.DYNAMIC)), to("toset", Type.set(Type.DYNAMIC)),
                to("tomap", Type.map(Type.DYNAMIC)));
    }

    private static Function to(String name, Type want) {
        return Function.builder(name).param(Param.of("v", Type.DYNAMIC).nullable().unknownable().markable())
                .returns(args -> {
                    Type have = args.get(0).type();
                    String why = Conversion.mismatch(have, want);
                    if (why != null) {
                        throw new FunctionException(0, "cannot convert " + have.friendlyName() + " to "
                                + constraintName(want) + ".");
                    }
                    return want;
                })
                .description("Converts the argument to " + constraintName(want) + ".")
                .body(args -> {
                    try {
                        return Conversion.convert(args.get(0), want);
                    } catch (ConversionException e) {
                        Type have = args.get(0).type();
                        if (have == Type.STRING && want.isPrimitive()) {
                            throw new FunctionException(0, "cannot convert the given string to " + want.friendlyName()
                                    + ": " + (want == Type.BOOL ? "only the strings \"true\" and \"false\" are allowed"
                                            : "string must be a decimal representation of a number") + ".");
                        }
                        throw new FunctionException(0, "cannot convert " + have.friendlyName() + " to "
                                + constraintName(want) + ": " + e.getMessage() + ".");
                    }
                });
    }

    private static String constraintName(Type t) {
        if (t.elementType() == Type.DYNAMIC) {
            return t.friendlyName().replace("of dynamic", "of any single type");
        }
        return t.friendlyName();
    }
}
