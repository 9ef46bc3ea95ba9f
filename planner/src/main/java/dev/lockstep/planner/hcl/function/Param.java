package dev.lockstep.planner.hcl.function;

import dev.lockstep.api.value.Type;

/**
 * One parameter of a function: its name (used in error messages), the type arguments are
 * converted to, and what the function body is prepared to receive. By default a body never sees
 * a null, an unknown (the call returns an unknown of the return type instead) or a sensitive
 * mark (marks are removed before the call and put back on the result).
 *
 * @param name parameter name as shown in messages
 * @param type wanted type; {@link Type#DYNAMIC} accepts anything unconverted
 * @param allowNull the body handles null arguments itself
 * @param allowUnknown the body handles arguments that are, or contain, unknowns
 * @param allowMarked the body receives marked values and decides the result's marks itself
 */
public record Param(String name, Type type, boolean allowNull, boolean allowUnknown, boolean allowMarked) {

    /** A parameter with the default rules: no nulls, no unknowns, no marks reach the body. */
    public static Param of(String name, Type type) {
        return new Param(name, type, false, false, false);
    }

    /** The same parameter, letting null arguments reach the body. */
    public Param nullable() {
        return new Param(name, type, true, allowUnknown, allowMarked);
    }

    /** The same parameter, letting unknown arguments reach the body. */
    public Param unknownable() {
        return new Param(name, type, allowNull, true, allowMarked);
    }

    /** The same parameter, letting sensitive marks reach the body. */
    public Param markable() {
        return new Param(name, type, allowNull, allowUnknown, true);
    }
}
