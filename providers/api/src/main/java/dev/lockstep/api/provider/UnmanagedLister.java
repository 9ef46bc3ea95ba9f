package dev.lockstep.api.provider;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import java.util.List;
import java.util.Map;

/**
 * Finds objects in the provider's system that no configuration manages but that matter for
 * access (a RoleBinding made by hand in a managed namespace, an extra ACL entry on a managed job),
 * for {@code drift --unmanaged}.
 */
public interface UnmanagedLister {

    /** How much an unmanaged object matters. */
    enum Severity {
        CRITICAL, HIGH, MEDIUM, LOW
    }

    /**
     * One unmanaged object.
     *
     * @param kind what it is, such as {@code RoleBinding} or {@code ACL entry}
     * @param identifier where to find it ({@code team-a/rb-manual}, {@code jobs/123: user x CAN_MANAGE})
     * @param severity how much it matters
     * @param reason why it has that severity
     * @param type the resource type whose schema {@code value} follows, so that policies can look
     *     at the object as if it were managed ({@code kubernetes_role_binding_v1}), or null
     * @param value the object's attributes in that type's shape, or null
     */
    record UnmanagedObject(String kind, String identifier, Severity severity, String reason, String type,
            Value value) {

        /** An unmanaged object policies cannot look into. */
        public UnmanagedObject(String kind, String identifier, Severity severity, String reason) {
            this(kind, identifier, severity, reason, null, null);
        }

        /** The same object with its attributes as {@code type} would have them. */
        public UnmanagedObject withValue(String type, Value value) {
            return new UnmanagedObject(kind, identifier, severity, reason, type, value);
        }
    }

    /** Every managed object of this provider, by address, with its recorded state. */
    record UnmanagedResponse(List<UnmanagedObject> objects, Diagnostics diagnostics) {
    }

    UnmanagedResponse listUnmanaged(Map<ResourceAddress, Value> managed);
}
