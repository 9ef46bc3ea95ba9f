package dev.lockstep.planner.policy;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Value;

/**
 * One object a policy looks at: a resource instance as the plan leaves it, a managed object as it
 * is live, or an object no configuration manages (drift). The value has the shape of the
 * resource type's schema (Terraform's, as lockstep's providers use it) and may carry sensitive
 * marks and, for planned values, unknowns.
 *
 * @param address the instance address ({@code kubernetes_role_v1.admin}), or for an unmanaged
 *     object its identifier in its system ({@code RoleBinding team-a/manual})
 * @param type the resource type whose schema {@code value} follows ({@code kubernetes_role_v1})
 * @param value the object's attributes
 * @param origin where the value comes from
 * @param range the resource block in the configuration, or null (unmanaged objects)
 * @param literals the attributes of the resource block whose expressions reference nothing (no
 *     variable, data source, resource or function of the environment), by top-level name; empty
 *     for objects not from the configuration
 */
public record PolicySubject(String address, String type, Value value, Origin origin, SourceRange range,
        java.util.Set<String> literals) {

    /** Where a subject's value comes from. */
    public enum Origin {
        /** The value a plan gives the instance (plan and apply). */
        PLANNED,
        /** The live object of a managed instance, as refresh read it (drift). */
        LIVE,
        /** A live object no configuration manages (drift --unmanaged). */
        UNMANAGED
    }

    public PolicySubject {
        literals = literals == null ? java.util.Set.of() : java.util.Set.copyOf(literals);
    }
}
