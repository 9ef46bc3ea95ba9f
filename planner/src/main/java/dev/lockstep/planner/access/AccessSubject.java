package dev.lockstep.planner.access;

import dev.lockstep.api.value.Value;
import java.util.List;

/**
 * A resource value the resolver reads.
 *
 * @param address the instance address ({@code kubernetes_role_binding_v1.bob})
 * @param type the resource type
 * @param value the value (may hold unknowns and sensitive marks)
 * @param dependencies the configuration addresses the resource depends on, used to tell which
 *     managed object an id that is not known yet refers to
 */
public record AccessSubject(String address, String type, Value value, List<String> dependencies) {

    public AccessSubject {
        dependencies = List.copyOf(dependencies);
    }
}
