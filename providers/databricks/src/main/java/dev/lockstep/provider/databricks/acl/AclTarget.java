package dev.lockstep.provider.databricks.acl;

import java.util.List;
import java.util.Map;

/**
 * The object an ACL belongs to: the Permissions API's request type and object id, and what that
 * type of object allows: its permission levels (weakest first) and the levels that let a
 * principal change the ACL (none: only admins can).
 */
public record AclTarget(String type, String objectId) {

    /** Permission levels per request type, weakest first, as the Permissions API defines them. */
    public static final Map<String, List<String>> LEVELS = Map.of(
            "clusters", List.of("CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"),
            "cluster-policies", List.of("CAN_USE"),
            "instance-pools", List.of("CAN_ATTACH_TO", "CAN_MANAGE"),
            "jobs", List.of("CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"),
            "notebooks", List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"),
            "directories", List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"),
            "authorization", List.of("CAN_USE", "CAN_MANAGE"));

    /** The configuration attribute naming each type's objects by id. */
    public static final Map<String, String> ID_ATTRIBUTE = Map.of("clusters", "cluster_id", "cluster-policies",
            "cluster_policy_id", "instance-pools", "instance_pool_id", "jobs", "job_id", "notebooks", "notebook_id",
            "directories", "directory_id", "authorization", "authorization");

    /** Parses an ACL id such as {@code /clusters/0101-abc} or {@code /authorization/tokens}. */
    public static AclTarget parse(String id) {
        String s = id.startsWith("/") ? id.substring(1) : id;
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1 || !LEVELS.containsKey(s.substring(0, slash))) {
            throw new IllegalArgumentException("an ACL id is /<type>/<id> with type one of " + LEVELS.keySet()
                    + ", not \"" + id + "\"");
        }
        return new AclTarget(s.substring(0, slash), s.substring(slash + 1));
    }

    /** The ACL id, {@code /<type>/<id>}. */
    public String id() {
        return "/" + type + "/" + objectId;
    }

    public List<String> levels() {
        return LEVELS.get(type);
    }

    /** The levels that let a non-admin change this ACL (empty: only admins can). */
    public List<String> manageLevels() {
        return switch (type) {
            case "jobs" -> List.of("CAN_MANAGE", "IS_OWNER");
            case "cluster-policies", "authorization" -> List.of();
            default -> List.of("CAN_MANAGE");
        };
    }

    /** The key under which the client tracks the object's creation, for eventual consistency. */
    public String consistencyKey() {
        return switch (type) {
            case "clusters" -> "cluster:" + objectId;
            case "cluster-policies" -> "policy:" + objectId;
            case "instance-pools" -> "pool:" + objectId;
            case "jobs" -> "job:" + objectId;
            default -> "acl:" + objectId;
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
