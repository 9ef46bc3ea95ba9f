package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Identity lookups over the SCIM state: users, groups (nested), service principals, the built-in
 * {@code admins} and {@code users} groups, group closure and admin checks.
 */
final class Principals {
    static final String ADMINS = "admins";
    static final String USERS = "users";
    static final long SCIM_ID_BASE = 7_000_000_000_000_000L;

    private final DatabricksState state;

    Principals(DatabricksState state) {
        this.state = state;
    }

    Optional<ObjectNode> userById(String id) {
        return Optional.ofNullable(state.users.get(id));
    }

    Optional<ObjectNode> userByName(String userName) {
        return state.users.values().stream()
                .filter(u -> u.path("userName").asText().equalsIgnoreCase(userName))
                .findFirst();
    }

    Optional<ObjectNode> servicePrincipalByAppId(String applicationId) {
        return state.servicePrincipals.values().stream()
                .filter(u -> u.path("applicationId").asText().equalsIgnoreCase(applicationId))
                .findFirst();
    }

    Optional<ObjectNode> groupByName(String displayName) {
        return state.groups.values().stream()
                .filter(g -> g.path("displayName").asText().equals(displayName))
                .findFirst();
    }

    /** Any principal (user, group or service principal) by SCIM id. */
    Optional<ObjectNode> anyById(String id) {
        ObjectNode n = state.users.get(id);
        if (n == null) {
            n = state.groups.get(id);
        }
        if (n == null) {
            n = state.servicePrincipals.get(id);
        }
        return Optional.ofNullable(n);
    }

    /** The caller for a user or service principal id, if it still exists and is active. */
    Optional<Caller> caller(String id) {
        ObjectNode u = state.users.get(id);
        if (u != null) {
            if (!u.path("active").asBoolean(true)) {
                return Optional.empty();
            }
            return Optional.of(new Caller(id, Caller.USER, u.path("userName").asText(), u.path("displayName").asText(u.path("userName").asText())));
        }
        ObjectNode sp = state.servicePrincipals.get(id);
        if (sp != null && sp.path("active").asBoolean(true)) {
            return Optional.of(new Caller(id, Caller.SERVICE_PRINCIPAL, sp.path("applicationId").asText(), sp.path("displayName").asText()));
        }
        return Optional.empty();
    }

    /** Resolves an ACL principal ({@code user_name}/{@code group_name}/...) to its display name. */
    Optional<String> displayName(String kind, String principal) {
        return switch (kind) {
            case Caller.USER -> userByName(principal).map(u -> u.path("displayName").asText(principal));
            case Caller.SERVICE_PRINCIPAL -> servicePrincipalByAppId(principal).map(u -> u.path("displayName").asText(principal));
            case Caller.GROUP -> groupByName(principal).map(g -> principal);
            default -> Optional.empty();
        };
    }

    /** True when the principal named by an ACL entry exists. */
    boolean exists(String kind, String principal) {
        return displayName(kind, principal).isPresent();
    }

    /** Names of every group the principal belongs to, directly or through nested groups. */
    Set<String> groupNamesOf(String memberId) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(memberId);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            for (Map.Entry<String, ObjectNode> g : state.groups.entrySet()) {
                if (isDirectMember(g.getValue(), id) && seen.add(g.getKey())) {
                    names.add(g.getValue().path("displayName").asText());
                    todo.add(g.getKey());
                }
            }
        }
        if (state.users.containsKey(memberId) || state.servicePrincipals.containsKey(memberId)) {
            names.add(USERS);
        }
        return names;
    }

    static boolean isDirectMember(ObjectNode group, String memberId) {
        for (JsonNode m : group.path("members")) {
            if (m.path("value").asText().equals(memberId)) {
                return true;
            }
        }
        return false;
    }

    boolean isAdmin(Caller caller) {
        return groupNamesOf(caller.id()).contains(ADMINS);
    }

    /** True when the caller holds this workspace entitlement (admins hold all of them). */
    boolean hasEntitlement(Caller caller, String entitlement) {
        if (isAdmin(caller)) {
            return true;
        }
        if (hasDirectEntitlement(anyById(caller.id()).orElse(null), entitlement)) {
            return true;
        }
        for (String g : groupNamesOf(caller.id())) {
            if (hasDirectEntitlement(groupByName(g).orElse(null), entitlement)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDirectEntitlement(ObjectNode node, String entitlement) {
        if (node == null) {
            return false;
        }
        for (JsonNode e : node.path("entitlements")) {
            if (e.path("value").asText().equals(entitlement)) {
                return true;
            }
        }
        return false;
    }

    String newId() {
        return String.valueOf(state.nextId(SCIM_ID_BASE));
    }

    /** Creates the built-in groups and the bootstrap admin user when missing; returns its id. */
    String bootstrap(String adminUserName, String adminDisplayName) {
        ObjectNode admins = groupByName(ADMINS).orElseGet(() -> newGroup(ADMINS));
        groupByName(USERS).orElseGet(() -> newGroup(USERS));
        ObjectNode admin = userByName(adminUserName).orElse(null);
        if (admin == null) {
            admin = Json.object();
            String id = newId();
            admin.putArray("schemas").add(ScimApi.USER_SCHEMA);
            admin.put("id", id);
            admin.put("userName", adminUserName);
            admin.put("displayName", adminDisplayName);
            admin.put("active", true);
            ObjectNode email = admin.putArray("emails").addObject();
            email.put("value", adminUserName);
            email.put("type", "work");
            email.put("primary", true);
            state.users.put(id, admin);
        }
        String adminId = admin.path("id").asText();
        if (!isDirectMember(admins, adminId)) {
            ObjectNode m = admins.withArray("members").addObject();
            m.put("value", adminId);
            m.put("display", admin.path("displayName").asText());
            m.put("$ref", "Users/" + adminId);
        }
        return adminId;
    }

    private ObjectNode newGroup(String name) {
        ObjectNode g = Json.object();
        String id = newId();
        g.putArray("schemas").add(ScimApi.GROUP_SCHEMA);
        g.put("id", id);
        g.put("displayName", name);
        g.putObject("meta").put("resourceType", "WorkspaceGroup");
        state.groups.put(id, g);
        return g;
    }
}
