package dev.lockstep.provider.databricks.data;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.resource.Scim;
import dev.lockstep.provider.databricks.schema.DataSourceSchemas;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code data "databricks_group"}: a group found by display name, its members by kind (nested
 * groups' members too unless {@code recursive = false}), the groups it belongs to, its entitlements.
 */
public final class GroupData extends DataSources {

    public GroupData(DatabricksClient c) {
        super(c, DataSourceSchemas.GROUP);
    }

    @Override
    protected Value query(Value config, Diagnostics d) {
        String name = Values.str(config, "display_name");
        boolean recursive = Values.bool(config, "recursive", true);
        Group g = null;
        for (Group x : c.groups.list(new ListGroupsRequest().setFilter("displayName eq " + Scim.quote(name)))) {
            g = x;
        }
        if (g == null) {
            d.error("Group not found", "No group named \"" + name + "\" exists in the workspace.", null);
            return null;
        }
        g = c.groups.get(g.getId());
        Set<String> users = new TreeSet<>();
        Set<String> sps = new TreeSet<>();
        Set<String> children = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<Group> todo = new ArrayDeque<>(List.of(g));
        while (!todo.isEmpty()) {
            Group cur = todo.pop();
            if (!seen.add(cur.getId()) || cur.getMembers() == null) {
                continue;
            }
            for (ComplexValue m : cur.getMembers()) {
                String ref = m.getRef() == null ? "" : m.getRef();
                if (ref.startsWith("Groups/")) {
                    children.add(m.getValue());
                    if (recursive) {
                        todo.add(c.groups.get(m.getValue()));
                    }
                } else if (ref.startsWith("ServicePrincipals/")) {
                    sps.add(m.getValue());
                } else {
                    users.add(m.getValue());
                }
            }
        }
        Set<String> members = new TreeSet<>(users);
        members.addAll(sps);
        members.addAll(children);
        List<String> parents = new ArrayList<>();
        if (g.getGroups() != null) {
            g.getGroups().forEach(p -> parents.add(p.getValue()));
        }
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(g.getId()));
        m.put("recursive", Value.bool(recursive));
        m.put("members", set(members));
        m.put("users", set(users));
        m.put("service_principals", set(sps));
        m.put("child_groups", set(children));
        m.put("groups", set(parents));
        m.put("instance_profiles", set(List.of()));
        m.put("external_id", Values.string(g.getExternalId()));
        m.put("acl_principal_id", Value.string("groups/" + g.getDisplayName()));
        Map<String, String> ent = Map.of("allow_cluster_create", "allow-cluster-create", "allow_instance_pool_create",
                "allow-instance-pool-create", "databricks_sql_access", "databricks-sql-access", "workspace_access",
                "workspace-access");
        Group group = g;
        ent.forEach((attr, value) -> m.put(attr, Value.bool(group.getEntitlements() != null
                && group.getEntitlements().stream().anyMatch(e -> value.equals(e.getValue())))));
        return result(config, m);
    }

    private static Value set(java.util.Collection<String> s) {
        List<Value> els = new ArrayList<>();
        s.forEach(x -> els.add(Value.string(x)));
        return Value.set(Type.STRING, els);
    }
}
