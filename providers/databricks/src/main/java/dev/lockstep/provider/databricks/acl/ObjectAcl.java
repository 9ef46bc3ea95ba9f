package dev.lockstep.provider.databricks.acl;

import com.databricks.sdk.service.iam.AccessControlResponse;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.Permission;
import java.util.ArrayList;
import java.util.List;

/**
 * An object's live ACL as the Permissions API answers it, split into the entries set directly on
 * the object and those inherited (from a folder, or the {@code admins} rights on a type's root).
 */
public record ObjectAcl(AclTarget target, String objectType, List<AclEntry> direct, List<AclEntry> inherited) {

    public static ObjectAcl of(AclTarget target, ObjectPermissions p) {
        List<AclEntry> direct = new ArrayList<>();
        List<AclEntry> inherited = new ArrayList<>();
        if (p.getAccessControlList() != null) {
            for (AccessControlResponse r : p.getAccessControlList()) {
                String kind = r.getUserName() != null ? AclEntry.USER : r.getGroupName() != null ? AclEntry.GROUP
                        : r.getServicePrincipalName() != null ? AclEntry.SERVICE_PRINCIPAL : null;
                if (kind == null || r.getAllPermissions() == null) {
                    continue;
                }
                String name = kind.equals(AclEntry.USER) ? r.getUserName() : kind.equals(AclEntry.GROUP)
                        ? r.getGroupName() : r.getServicePrincipalName();
                for (Permission perm : r.getAllPermissions()) {
                    if (perm.getPermissionLevel() == null) {
                        continue;
                    }
                    AclEntry e = new AclEntry(kind, name, perm.getPermissionLevel().toString());
                    if (Boolean.TRUE.equals(perm.getInherited())) {
                        inherited.add(e);
                    } else {
                        direct.add(e);
                    }
                }
            }
        }
        return new ObjectAcl(target, p.getObjectType(), direct, inherited);
    }

    /** The job's owner entry, or null. */
    public AclEntry owner() {
        for (AclEntry e : direct) {
            if (e.level().equals("IS_OWNER")) {
                return e;
            }
        }
        return null;
    }

    /**
     * Whether an entry is one the API forces: the {@code admins} group's rights (always
     * CAN_MANAGE, kept by the service whatever the request says).
     */
    public static boolean forced(AclEntry e) {
        return e.kind().equals(AclEntry.GROUP) && e.principal().equals("admins");
    }
}
