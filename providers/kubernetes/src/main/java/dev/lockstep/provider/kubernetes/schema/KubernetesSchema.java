package dev.lockstep.provider.kubernetes.schema;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Kubernetes provider's schema: every resource and data source type under the Terraform
 * provider's names, plus the {@code _v1} aliases. Built from schema classes only, so it loads no
 * client class.
 */
public final class KubernetesSchema {

    /** The provider's name. */
    public static final String PROVIDER = "kubernetes";

    private KubernetesSchema() {
    }

    public static ProviderSchema build() {
        Map<String, ResourceSchema> resources = new LinkedHashMap<>();
        both(resources, "kubernetes_namespace", CoreSchemas::namespace, "A namespace.");
        both(resources, "kubernetes_service_account", CoreSchemas::serviceAccount, "A service account.");
        both(resources, "kubernetes_role", RbacSchemas::role, "A namespaced RBAC role.");
        both(resources, "kubernetes_cluster_role", RbacSchemas::clusterRole, "A cluster-wide RBAC role.");
        both(resources, "kubernetes_role_binding", RbacSchemas::roleBinding, "Binds a role to subjects in a "
                + "namespace.");
        both(resources, "kubernetes_cluster_role_binding", RbacSchemas::clusterRoleBinding, "Binds a cluster role "
                + "to subjects cluster-wide.");
        both(resources, "kubernetes_network_policy", NetworkSchemas::networkPolicy, "A network policy.");
        put(resources, "kubernetes_ingress_v1", NetworkSchemas.ingressV1(), "An ingress (networking.k8s.io/v1).");
        both(resources, "kubernetes_secret", CoreSchemas::secret, "A secret; its values are sensitive.");
        both(resources, "kubernetes_config_map", CoreSchemas::configMap, "A config map.");
        both(resources, "kubernetes_resource_quota", CoreSchemas::resourceQuota, "A resource quota.");
        both(resources, "kubernetes_limit_range", CoreSchemas::limitRange, "A limit range.");
        put(resources, "kubernetes_manifest", ManifestSchema.manifest(), "Any Kubernetes object, custom resources "
                + "included.");

        Map<String, ResourceSchema> data = new LinkedHashMap<>();
        both(data, "kubernetes_namespace", DataSourceSchemas::namespace, "Reads a namespace.");
        both(data, "kubernetes_secret", DataSourceSchemas::secret, "Reads a secret; its values are sensitive.");
        both(data, "kubernetes_service_account", DataSourceSchemas::serviceAccount, "Reads a service account.");
        return new ProviderSchema(PROVIDER, ProviderConfigSchema.schema(), resources, data);
    }

    private static void both(Map<String, ResourceSchema> into, String type, Supplier<BlockSchema> body, String doc) {
        BlockSchema b = body.get();
        put(into, type, b, doc);
        put(into, type + "_v1", b, doc);
    }

    private static void put(Map<String, ResourceSchema> into, String type, BlockSchema body, String doc) {
        into.put(type, new ResourceSchema(type, 0, body, doc));
    }
}
