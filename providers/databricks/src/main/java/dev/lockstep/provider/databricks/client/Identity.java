package dev.lockstep.provider.databricks.client;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The identity lockstep acts as: a user (by user name) or a service principal (by application
 * id), and the groups it belongs to, directly or through nested groups (read on first use). Its
 * ACL entries are the ones a self-lockout check protects.
 */
public final class Identity {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}");

    private final DatabricksClient client;
    private final String id;
    private final String name;
    private final boolean servicePrincipal;
    private final Collection<ComplexValue> directGroups;
    private volatile Set<String> groups;

    private Identity(DatabricksClient client, String id, String name, boolean servicePrincipal,
            Collection<ComplexValue> directGroups) {
        this.client = client;
        this.id = id;
        this.name = name;
        this.servicePrincipal = servicePrincipal;
        this.directGroups = directGroups == null ? Set.of() : directGroups;
    }

    static Identity load(DatabricksClient c) {
        User me = c.currentUser.me(new MeRequest());
        String name = me.getUserName();
        boolean sp = name == null || UUID.matcher(name).matches();
        if (name == null) {
            name = c.servicePrincipals.get(me.getId()).getApplicationId();
        }
        return new Identity(c, me.getId(), name, sp, me.getGroups());
    }

    /** The SCIM id. */
    public String id() {
        return id;
    }

    /** The user name, or the application id of a service principal. */
    public String name() {
        return name;
    }

    public boolean isServicePrincipal() {
        return servicePrincipal;
    }

    /** The ACL field that names this identity: {@code user_name} or {@code service_principal_name}. */
    public String aclField() {
        return servicePrincipal ? "service_principal_name" : "user_name";
    }

    /** Display names of every group the identity belongs to, nested groups included ({@code users} always). */
    public Set<String> groups() {
        Set<String> g = groups;
        if (g == null) {
            synchronized (this) {
                if (groups == null) {
                    groups = resolveGroups();
                }
                g = groups;
            }
        }
        return g;
    }

    /** Whether the identity is a workspace admin (a member of {@code admins}, possibly through nesting). */
    public boolean isAdmin() {
        return groups().contains("admins");
    }

    private Set<String> resolveGroups() {
        Set<String> names = new TreeSet<>();
        names.add("users");
        Set<String> seen = new HashSet<>();
        Deque<ComplexValue> todo = new ArrayDeque<>(directGroups);
        while (!todo.isEmpty()) {
            ComplexValue g = todo.pop();
            if (g.getValue() == null || !seen.add(g.getValue())) {
                continue;
            }
            if (g.getDisplay() != null) {
                names.add(g.getDisplay());
            }
            Group full = c().groups.get(g.getValue());
            if (full.getDisplayName() != null) {
                names.add(full.getDisplayName());
            }
            if (full.getGroups() != null) {
                todo.addAll(full.getGroups());
            }
        }
        return names;
    }

    private DatabricksClient c() {
        return client;
    }

    @Override
    public String toString() {
        return (servicePrincipal ? "service principal " : "user ") + name;
    }
}
