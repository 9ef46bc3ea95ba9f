package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.schema.CoreSchemas;
import dev.lockstep.provider.kubernetes.schema.NetworkSchemas;
import dev.lockstep.provider.kubernetes.schema.RbacSchemas;
import dev.lockstep.provider.kubernetes.value.JsonCodec;
import dev.lockstep.provider.kubernetes.value.Ownership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/** The typed kinds the provider manages, by type name (aliases included). */
public final class Kinds {

    private static final String RBAC = "rbac.authorization.k8s.io/v1";
    private static final String NET = "networking.k8s.io/v1";

    private Kinds() {
    }

    /** Every typed kind, keyed by type name and by its {@code _v1} alias. */
    public static Map<String, Kind> all(BiPredicate<String, String> importFilter) {
        Map<String, Kind> out = new LinkedHashMap<>();
        Builder b = new Builder(out, importFilter);
        b.add("kubernetes_namespace", true, new ResourceType("v1", "Namespace", "namespaces", false),
                CoreSchemas.namespace(), Map.of(), Map.of(), Set.of("timeouts", "wait_for_default_service_account"),
                new NamespaceHooks());
        b.add("kubernetes_service_account", true, new ResourceType("v1", "ServiceAccount", "serviceaccounts", true),
                CoreSchemas.serviceAccount(), Map.of("image_pull_secret", "imagePullSecrets", "secret", "secrets"),
                Map.of(), Set.of("timeouts"), new ServiceAccountHooks());
        b.add("kubernetes_role", true, new ResourceType(RBAC, "Role", "roles", true), RbacSchemas.role(),
                Map.of("rule", "rules"), Map.of(), Set.of(), new KindHooks() {
                });
        b.add("kubernetes_cluster_role", true, new ResourceType(RBAC, "ClusterRole", "clusterroles", false),
                RbacSchemas.clusterRole(), Map.of("rule", "rules", "rule.non_resource_urls", "nonResourceURLs"),
                Map.of(), Set.of(), new KindHooks() {
                });
        b.add("kubernetes_role_binding", true, new ResourceType(RBAC, "RoleBinding", "rolebindings", true),
                RbacSchemas.roleBinding(), Map.of("subject", "subjects"), Map.of(), Set.of(), new BindingHooks());
        b.add("kubernetes_cluster_role_binding", true,
                new ResourceType(RBAC, "ClusterRoleBinding", "clusterrolebindings", false),
                RbacSchemas.clusterRoleBinding(), Map.of("subject", "subjects"), Map.of(), Set.of(),
                new BindingHooks());
        b.add("kubernetes_network_policy", true, new ResourceType(NET, "NetworkPolicy", "networkpolicies", true),
                NetworkSchemas.networkPolicy(), Map.of(),
                Map.of("spec.ingress.ports.port", NetworkPolicyHooks.INT_OR_STRING,
                        "spec.egress.ports.port", NetworkPolicyHooks.INT_OR_STRING),
                Set.of(), new NetworkPolicyHooks());
        b.add("kubernetes_ingress_v1", false, new ResourceType(NET, "Ingress", "ingresses", true),
                NetworkSchemas.ingressV1(), Map.of("spec.rule", "rules", "spec.rule.http.path", "paths"), Map.of(),
                Set.of("timeouts", "wait_for_load_balancer"), new IngressHooks());
        b.add("kubernetes_secret", true, new ResourceType("v1", "Secret", "secrets", true), CoreSchemas.secret(),
                Map.of(), Map.of(), Set.of("timeouts", "wait_for_service_account_token"), new SecretHooks());
        b.add("kubernetes_config_map", true, new ResourceType("v1", "ConfigMap", "configmaps", true),
                CoreSchemas.configMap(), Map.of(), Map.of(), Set.of(), new ImmutableDataHooks());
        b.add("kubernetes_resource_quota", true, new ResourceType("v1", "ResourceQuota", "resourcequotas", true),
                CoreSchemas.resourceQuota(), Map.of("spec.scope_selector.match_expression", "matchExpressions"),
                Map.of(), Set.of("timeouts"), new QuantityHooks(null, List.of("hard")));
        b.add("kubernetes_limit_range", true, new ResourceType("v1", "LimitRange", "limitranges", true),
                CoreSchemas.limitRange(), Map.of("spec.limit", "limits"), Map.of(), Set.of(),
                new QuantityHooks("limit", List.of("default", "default_request", "max", "min",
                        "max_limit_request_ratio")));
        return out;
    }

    private record Builder(Map<String, Kind> out, BiPredicate<String, String> importFilter) {
        void add(String type, boolean alias, ResourceType api, BlockSchema schema, Map<String, String> names,
                Map<String, JsonCodec.FieldTransform> transforms, Set<String> local, KindHooks hooks) {
            Kind k = new Kind(type, api, schema, new JsonCodec(names, transforms, local),
                    new Ownership(local, importFilter), local, hooks);
            out.put(type, k);
            if (alias) {
                out.put(type + "_v1", k);
            }
        }
    }
}
