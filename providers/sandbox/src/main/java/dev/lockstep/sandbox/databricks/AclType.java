package dev.lockstep.sandbox.databricks;

import java.util.List;
import java.util.Optional;

/**
 * The object types of the Permissions API that the emulator serves: request path segment, the
 * {@code object_type} the API answers with, the permission levels in increasing order of power,
 * and how the {@code admins} group appears in the ACL.
 */
enum AclType {
    CLUSTERS("clusters", "cluster", List.of("CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"), Admins.INHERITED_FROM_ROOT, "CAN_MANAGE"),
    CLUSTER_POLICIES("cluster-policies", "cluster-policy", List.of("CAN_USE"), Admins.IMPLICIT, null),
    INSTANCE_POOLS("instance-pools", "instance-pool", List.of("CAN_ATTACH_TO", "CAN_MANAGE"), Admins.INHERITED_FROM_ROOT, "CAN_MANAGE"),
    JOBS("jobs", "job", List.of("CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"), Admins.INHERITED_FROM_ROOT, "CAN_MANAGE"),
    NOTEBOOKS("notebooks", "notebook", List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"), Admins.WORKSPACE_TREE, "CAN_MANAGE"),
    DIRECTORIES("directories", "directory", List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"), Admins.WORKSPACE_TREE, "CAN_MANAGE"),
    TOKENS("authorization", "tokens", List.of("CAN_USE", "CAN_MANAGE"), Admins.DIRECT_FIXED, null);

    /** How the admins group shows up in an object's ACL. */
    enum Admins {
        /** {@code admins CAN_MANAGE}, inherited from the type root (e.g. {@code /clusters/}). */
        INHERITED_FROM_ROOT,
        /** Inherited through the workspace tree from {@code /directories/0}, where it is direct. */
        WORKSPACE_TREE,
        /** A direct {@code admins CAN_MANAGE} entry that cannot be removed. */
        DIRECT_FIXED,
        /** Admins may do anything but are not listed. */
        IMPLICIT
    }

    final String requestType;
    final String objectType;
    final List<String> levels;
    final Admins admins;
    /** The level that lets a non-admin change the ACL, or null when only admins can. */
    final String manageLevel;

    AclType(String requestType, String objectType, List<String> levels, Admins admins, String manageLevel) {
        this.requestType = requestType;
        this.objectType = objectType;
        this.levels = levels;
        this.admins = admins;
        this.manageLevel = manageLevel;
    }

    static Optional<AclType> byRequestType(String requestType) {
        for (AclType t : values()) {
            if (t.requestType.equals(requestType)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Object id as the API spells it, e.g. {@code /clusters/0101-...}. */
    String objectId(String id) {
        return "/" + requestType + "/" + id;
    }

    /** Rank of a level (higher is stronger), or -1 when the level is not valid here. */
    int rank(String level) {
        return levels.indexOf(level);
    }

    String description(String level) {
        String noun = objectType.replace('-', ' ');
        return switch (level) {
            case "CAN_ATTACH_TO" -> "Can attach to the " + noun;
            case "CAN_RESTART" -> "Can restart the " + noun;
            case "CAN_MANAGE" -> "Can manage the " + noun;
            case "CAN_USE" -> "Can use the " + noun;
            case "CAN_VIEW" -> "Can view the " + noun;
            case "CAN_MANAGE_RUN" -> "Can manage runs of the " + noun;
            case "IS_OWNER" -> "Is the owner of the " + noun;
            case "CAN_READ" -> "Can read the " + noun;
            case "CAN_RUN" -> "Can run the " + noun;
            case "CAN_EDIT" -> "Can edit the " + noun;
            default -> level;
        };
    }
}
