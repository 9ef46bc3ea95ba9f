package dev.lockstep.provider.kubernetes.schema;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_SET;
import static dev.lockstep.api.schema.SchemaBuilder.body;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.list;
import static dev.lockstep.api.schema.SchemaBuilder.one;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.schema.SchemaBuilder;
import dev.lockstep.api.value.Type;

/** Schemas of the RBAC types: roles, cluster roles and their bindings (rbac.authorization.k8s.io/v1). */
public final class RbacSchemas {

    private RbacSchemas() {
    }

    /** A policy rule; cluster roles also allow {@code non_resource_urls}. */
    static BlockSchema rule(boolean cluster) {
        SchemaBuilder.Body b = body()
                .add(optional("api_groups", STRING_SET, "API groups of the resources; \"\" is the core group."));
        if (cluster) {
            b.add(optional("non_resource_urls", STRING_SET, "Non-resource URL paths such as /healthz."));
        }
        return b.add(optional("resource_names", STRING_SET, "Names the rule is restricted to."))
                .add(optional("resources", STRING_SET, "Resources the rule applies to; * is all."))
                .add(required("verbs", STRING_SET, "Verbs allowed on the resources; * is all."))
                .build();
    }

    public static BlockSchema role() {
        return body()
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(Metadata.namespaced("role"))
                .add(list("rule", rule(false), 1, 0))
                .build();
    }

    public static BlockSchema clusterRole() {
        BlockSchema selectors = LabelSelector.body();
        BlockSchema aggregation = body()
                .add(list("cluster_role_selectors", selectors, 0, 0))
                .build();
        return body()
                .add(computed("id", Type.STRING, "name"))
                .add(Metadata.clusterScoped("cluster role"))
                .add(list("rule", rule(true), 0, 0))
                .add(one("aggregation_rule", aggregation, false))
                .build();
    }

    static NestedBlockSchema roleRef() {
        BlockSchema b = body()
                .add(required("api_group", Type.STRING, "rbac.authorization.k8s.io"))
                .add(required("kind", Type.STRING, "Role or ClusterRole."))
                .add(required("name", Type.STRING, "Name of the role to bind."))
                .build();
        return one("role_ref", b, true).asForceNew();
    }

    static NestedBlockSchema subjects() {
        BlockSchema b = body()
                .add(optionalComputed("api_group", Type.STRING, "rbac.authorization.k8s.io for User and Group, \"\" "
                        + "for ServiceAccount (the default follows the kind)."))
                .add(required("kind", Type.STRING, "User, Group or ServiceAccount."))
                .add(required("name", Type.STRING, "Name of the subject."))
                .add(optional("namespace", Type.STRING, "Namespace of a ServiceAccount subject."))
                .build();
        return list("subject", b, 1, 0);
    }

    public static BlockSchema roleBinding() {
        return body()
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(Metadata.namespaced("role binding"))
                .add(roleRef())
                .add(subjects())
                .build();
    }

    public static BlockSchema clusterRoleBinding() {
        return body()
                .add(computed("id", Type.STRING, "name"))
                .add(Metadata.clusterScoped("cluster role binding"))
                .add(roleRef())
                .add(subjects())
                .build();
    }
}
