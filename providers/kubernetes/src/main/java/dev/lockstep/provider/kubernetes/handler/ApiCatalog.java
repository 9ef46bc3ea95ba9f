package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.provider.kubernetes.client.ApiException;
import dev.lockstep.provider.kubernetes.client.KubeApi;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.value.Json;
import io.fabric8.kubernetes.api.model.APIResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds where a kind lives for {@code kubernetes_manifest}: a table of the built-in kinds, then
 * the API's discovery document for the group version, then the CustomResourceDefinitions. Found
 * kinds are cached for the provider's life; a miss is retried next time (the CRD may be created by
 * the same apply).
 */
public final class ApiCatalog {

    static final ResourceType CRDS = new ResourceType("apiextensions.k8s.io/v1", "CustomResourceDefinition",
            "customresourcedefinitions", false);

    private static final Map<String, ResourceType> BUILT_IN = new ConcurrentHashMap<>();

    static {
        String[][] table = {
            {"v1", "ConfigMap", "configmaps", "ns"}, {"v1", "Secret", "secrets", "ns"},
            {"v1", "ServiceAccount", "serviceaccounts", "ns"}, {"v1", "Service", "services", "ns"},
            {"v1", "Pod", "pods", "ns"}, {"v1", "PersistentVolumeClaim", "persistentvolumeclaims", "ns"},
            {"v1", "Endpoints", "endpoints", "ns"}, {"v1", "LimitRange", "limitranges", "ns"},
            {"v1", "ResourceQuota", "resourcequotas", "ns"}, {"v1", "Namespace", "namespaces", ""},
            {"v1", "PersistentVolume", "persistentvolumes", ""}, {"v1", "Node", "nodes", ""},
            {"apps/v1", "Deployment", "deployments", "ns"}, {"apps/v1", "StatefulSet", "statefulsets", "ns"},
            {"apps/v1", "DaemonSet", "daemonsets", "ns"}, {"apps/v1", "ReplicaSet", "replicasets", "ns"},
            {"batch/v1", "Job", "jobs", "ns"}, {"batch/v1", "CronJob", "cronjobs", "ns"},
            {"rbac.authorization.k8s.io/v1", "Role", "roles", "ns"},
            {"rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", "ns"},
            {"rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", ""},
            {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", ""},
            {"networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", "ns"},
            {"networking.k8s.io/v1", "Ingress", "ingresses", "ns"},
            {"networking.k8s.io/v1", "IngressClass", "ingressclasses", ""},
            {"policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", "ns"},
            {"autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "ns"},
            {"coordination.k8s.io/v1", "Lease", "leases", "ns"},
            {"storage.k8s.io/v1", "StorageClass", "storageclasses", ""},
            {"scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", ""},
            {"apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", ""},
            {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration",
                "validatingwebhookconfigurations", ""},
            {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", ""},
        };
        for (String[] r : table) {
            BUILT_IN.put(r[0] + "|" + r[1], new ResourceType(r[0], r[1], r[2], !r[3].isEmpty()));
        }
    }

    private final KubeApi api;
    private final Map<String, ResourceType> found = new ConcurrentHashMap<>();

    public ApiCatalog(KubeApi api) {
        this.api = api;
    }

    /** Where objects of {@code apiVersion}/{@code kind} live, or null when the cluster does not serve the kind. */
    public ResourceType resolve(String apiVersion, String kind) {
        String key = apiVersion + "|" + kind;
        ResourceType t = BUILT_IN.get(key);
        if (t == null) {
            t = found.get(key);
        }
        if (t != null) {
            return t;
        }
        t = discover(apiVersion, kind);
        if (t == null) {
            t = fromCrd(apiVersion, kind);
        }
        if (t != null) {
            found.put(key, t);
        }
        return t;
    }

    private ResourceType discover(String apiVersion, String kind) {
        try {
            for (APIResource r : api.apiResources(apiVersion)) {
                if (kind.equals(r.getKind()) && r.getName() != null && !r.getName().contains("/")) {
                    return new ResourceType(apiVersion, kind, r.getName(), Boolean.TRUE.equals(r.getNamespaced()));
                }
            }
        } catch (ApiException e) {
            // fall through to the CRD lookup
        }
        return null;
    }

    private ResourceType fromCrd(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String group = apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        for (Map<String, Object> crd : api.list(CRDS, null, null, null)) {
            Map<String, Object> spec = Json.object(crd, "spec");
            Map<String, Object> names = Json.object(spec, "names");
            if (!group.equals(Json.string(spec, "group")) || !kind.equals(Json.string(names, "kind"))) {
                continue;
            }
            List<Object> versions = Json.array(spec, "versions");
            boolean served = versions.isEmpty() || versions.stream().anyMatch(v -> v instanceof Map<?, ?> m
                    && version.equals(String.valueOf(m.get("name"))));
            if (served) {
                return new ResourceType(apiVersion, kind, Json.string(names, "plural"),
                        !"Cluster".equals(Json.string(spec, "scope")));
            }
        }
        return null;
    }
}
