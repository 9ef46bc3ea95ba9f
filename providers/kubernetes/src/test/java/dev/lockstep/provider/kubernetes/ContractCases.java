package dev.lockstep.provider.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One contract case per resource type: configurations in Terraform's block syntax and an out-of-band change. */
final class ContractCases {

    private ContractCases() {
    }

    static String meta(String name, String ns, String extra) {
        return "metadata {\n  name = \"" + name + "\"\n" + (ns == null ? "" : "  namespace = \"" + ns + "\"\n")
                + "  labels = { team = \"a\" }\n" + extra + "}\n";
    }

    static String meta2(String name, String ns) {
        return "metadata {\n  name = \"" + name + "\"\n" + (ns == null ? "" : "  namespace = \"" + ns + "\"\n")
                + "  labels = { team = \"a\", tier = \"gold\" }\n  annotations = { owner = \"x\" }\n}\n";
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(GenericKubernetesResource r, String... path) {
        Map<String, Object> m = r.getAdditionalProperties();
        for (int i = 0; i < path.length - 1; i++) {
            m = (Map<String, Object>) m.get(path[i]);
        }
        return (List<Object>) m.get(path[path.length - 1]);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(GenericKubernetesResource r, String... path) {
        Map<String, Object> m = r.getAdditionalProperties();
        for (String p : path) {
            m = (Map<String, Object>) m.get(p);
        }
        return m;
    }

    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<ContractCase> all() {
        List<ContractCase> c = new ArrayList<>();
        String rbac = "rbac.authorization.k8s.io/v1";
        c.add(new ContractCase("kubernetes_namespace", "v1", "Namespace", null, "ns-c",
                meta("ns-c", null, ""), meta2("ns-c", null), meta("ns-d", null, ""), "metadata[0].name", "ns-d",
                r -> r.getMetadata().getLabels().remove("team"), "ns-c"));
        c.add(new ContractCase("kubernetes_service_account", "v1", "ServiceAccount", "team-a", "sa",
                meta("sa", "team-a", "") + "image_pull_secret {\n name = \"registry\"\n}\n",
                meta2("sa", "team-a") + "image_pull_secret {\n name = \"registry\"\n}\nautomount_service_account_token "
                        + "= false\nsecret {\n name = \"sa-extra\"\n}\n",
                meta("sa", "team-b", "") + "image_pull_secret {\n name = \"registry\"\n}\n", "metadata[0].namespace",
                "sa", r -> r.getAdditionalProperties().put("imagePullSecrets", List.of(obj("name", "other"))),
                "team-a/sa"));
        String rule = "rule {\n api_groups = [\"\"]\n resources = [\"pods\"]\n verbs = [\"get\", \"list\"]\n}\n";
        c.add(new ContractCase("kubernetes_role", rbac, "Role", "team-a", "reader",
                meta("reader", "team-a", "") + rule,
                meta2("reader", "team-a") + rule + "rule {\n api_groups = [\"apps\"]\n resources = [\"deployments\"]\n"
                        + " verbs = [\"get\"]\n resource_names = [\"web\"]\n}\n",
                meta("reader2", "team-a", "") + rule, "metadata[0].name", "reader2",
                r -> list(r, "rules").add(obj("apiGroups", List.of(""), "resources", List.of("secrets"), "verbs",
                        List.of("get"))), "team-a/reader"));
        String crule = "rule {\n api_groups = [\"\"]\n resources = [\"namespaces\"]\n verbs = [\"get\"]\n}\n"
                + "rule {\n non_resource_urls = [\"/healthz\"]\n verbs = [\"get\"]\n}\n";
        c.add(new ContractCase("kubernetes_cluster_role_v1", rbac, "ClusterRole", null, "viewer",
                meta("viewer", null, "") + crule,
                meta2("viewer", null) + crule + "aggregation_rule {\n cluster_role_selectors {\n  match_labels = { "
                        + "agg = \"yes\" }\n  match_expressions {\n   key = \"tier\"\n   operator = \"In\"\n   values = "
                        + "[\"a\", \"b\"]\n  }\n }\n}\n",
                meta("viewer2", null, "") + crule, "metadata[0].name", "viewer2",
                r -> list(r, "rules").add(obj("apiGroups", List.of("*"), "resources", List.of("*"), "verbs",
                        List.of("*"))), "viewer"));
        String ref = "role_ref {\n api_group = \"rbac.authorization.k8s.io\"\n kind = \"Role\"\n name = \"reader\"\n}\n";
        String subj = "subject {\n kind = \"Group\"\n name = \"data-eng\"\n}\n";
        c.add(new ContractCase("kubernetes_role_binding", rbac, "RoleBinding", "team-a", "readers",
                meta("readers", "team-a", "") + ref + subj,
                meta2("readers", "team-a") + ref + subj + "subject {\n kind = \"ServiceAccount\"\n name = \"sa\"\n "
                        + "namespace = \"team-a\"\n}\n",
                meta("readers", "team-a", "") + ref.replace("reader\"", "writer\"") + subj, "role_ref[0].name",
                "readers", r -> list(r, "subjects").add(obj("kind", "User", "name", "mallory", "apiGroup",
                        "rbac.authorization.k8s.io")), "team-a/readers"));
        String cref = "role_ref {\n api_group = \"rbac.authorization.k8s.io\"\n kind = \"ClusterRole\"\n name = "
                + "\"viewer\"\n}\n";
        c.add(new ContractCase("kubernetes_cluster_role_binding", rbac, "ClusterRoleBinding", null, "viewers",
                meta("viewers", null, "") + cref + subj,
                meta2("viewers", null) + cref + subj + "subject {\n kind = \"User\"\n name = \"ann\"\n api_group = "
                        + "\"rbac.authorization.k8s.io\"\n}\n",
                meta("viewers", null, "") + cref.replace("\"viewer\"", "\"cluster-admin\"") + subj,
                "role_ref[0].name", "viewers",
                r -> ((Map<String, Object>) list(r, "subjects").get(0)).put("name", "everyone"), "viewers"));
        String np = "spec {\n pod_selector {\n  match_labels = { app = \"api\" }\n }\n ingress {\n  from {\n   "
                + "namespace_selector {\n    match_labels = { team = \"a\" }\n   }\n  }\n  ports {\n   port = \"8080\"\n  "
                + "}\n }\n policy_types = [\"Ingress\"]\n}\n";
        c.add(new ContractCase("kubernetes_network_policy", "networking.k8s.io/v1", "NetworkPolicy", "team-a",
                "allow-api", meta("allow-api", "team-a", "") + np,
                meta2("allow-api", "team-a") + np.replace("policy_types = [\"Ingress\"]", "egress {\n  to {\n   "
                        + "ip_block {\n    cidr = \"10.0.0.0/8\"\n    except = [\"10.0.1.0/24\"]\n   }\n  }\n  ports {\n"
                        + "   port = \"dns\"\n   protocol = \"UDP\"\n  }\n }\n policy_types = [\"Ingress\", \"Egress\"]"),
                meta("allow-api2", "team-a", "") + np, "metadata[0].name", "allow-api2",
                r -> list(r, "spec", "ingress").add(obj()), "team-a/allow-api"));
        String ing = "spec {\n ingress_class_name = \"nginx\"\n rule {\n  host = \"api.example.com\"\n  http {\n   path {"
                + "\n    path = \"/\"\n    backend {\n     service {\n      name = \"api\"\n      port {\n       number = "
                + "8080\n      }\n     }\n    }\n   }\n  }\n }\n tls {\n  hosts = [\"api.example.com\"]\n  secret_name = "
                + "\"api-tls\"\n }\n}\n";
        c.add(new ContractCase("kubernetes_ingress_v1", "networking.k8s.io/v1", "Ingress", "team-a", "api",
                meta("api", "team-a", "") + ing,
                meta2("api", "team-a") + ing.replace("   path {\n    path = \"/\"", "   path {\n    path = \"/v2\"\n"
                        + "    path_type = \"Prefix\"\n    backend {\n     service {\n      name = \"api-v2\"\n      port {"
                        + "\n       name = \"http\"\n      }\n     }\n    }\n   }\n   path {\n    path = \"/\""),
                meta("api2", "team-a", "") + ing, "metadata[0].name", "api2",
                r -> map(r, "spec").remove("tls"), "team-a/api"));
        c.add(new ContractCase("kubernetes_secret", "v1", "Secret", "team-a", "db",
                meta("db", "team-a", "") + "data = {\n username = \"admin\"\n password = \"s3cr3t-pa55\"\n}\n",
                meta2("db", "team-a") + "data = {\n username = \"admin\"\n password = \"n3w-pa55word\"\n}\n"
                        + "binary_data = {\n \"key.bin\" = \"AAECAwT/\"\n}\n",
                meta("db", "team-a", "") + "type = \"kubernetes.io/basic-auth\"\ndata = {\n username = \"admin\"\n "
                        + "password = \"s3cr3t-pa55\"\n}\n", "type", "db",
                r -> map(r, "data").put("password", "aGFja2Vk"), "team-a/db"));
        c.add(new ContractCase("kubernetes_config_map", "v1", "ConfigMap", "team-a", "settings",
                meta("settings", "team-a", "") + "data = {\n mode = \"fast\"\n \"app.yaml\" = \"a: 1\\n\"\n}\n",
                meta2("settings", "team-a") + "data = {\n mode = \"slow\"\n}\nbinary_data = {\n blob = \"3q2+7w==\"\n}\n",
                meta("settings", "team-b", "") + "data = {\n mode = \"fast\"\n}\n", "metadata[0].namespace",
                "settings", r -> map(r, "data").put("injected", "by-hand"), "team-a/settings"));
        String quota = "spec {\n hard = {\n  pods = 10\n  \"requests.memory\" = \"1024Mi\"\n }\n scopes = "
                + "[\"BestEffort\"]\n}\n";
        c.add(new ContractCase("kubernetes_resource_quota", "v1", "ResourceQuota", "team-a", "quota",
                meta("quota", "team-a", "") + quota,
                meta2("quota", "team-a") + quota.replace("pods = 10", "pods = 20").replace(" scopes = [\"BestEffort\"]",
                        " scope_selector {\n  match_expression {\n   scope_name = \"PriorityClass\"\n   operator = \"In\"\n"
                                + "   values = [\"high\"]\n  }\n }"),
                meta("quota2", "team-a", "") + quota, "metadata[0].name", "quota2",
                r -> map(r, "spec", "hard").put("pods", "1000"), "team-a/quota"));
        String limits = "spec {\n limit {\n  type = \"Container\"\n  default = { cpu = \"500m\", memory = \"1Gi\" }\n  "
                + "default_request = { cpu = \"0.1\" }\n }\n}\n";
        c.add(new ContractCase("kubernetes_limit_range", "v1", "LimitRange", "team-a", "limits",
                meta("limits", "team-a", "") + limits,
                meta2("limits", "team-a") + limits.replace("}\n}\n", "}\n limit {\n  type = \"Pod\"\n  max = { cpu = "
                        + "\"2\" }\n }\n}\n"),
                meta("limits2", "team-a", "") + limits, "metadata[0].name", "limits2",
                r -> list(r, "spec", "limits").clear(), "team-a/limits"));
        String manifest = "manifest = {\n apiVersion = \"v1\"\n kind = \"ConfigMap\"\n metadata = {\n  name = \"%s\"\n  "
                + "namespace = \"team-a\"\n  labels = { team = \"a\"%s }\n%s }\n data = { mode = \"%s\", \"port\" = "
                + "\"8080\" }\n}\n";
        c.add(new ContractCase("kubernetes_manifest", "v1", "ConfigMap", "team-a", "plain",
                String.format(manifest, "plain", "", "", "fast"),
                String.format(manifest, "plain", ", tier = \"gold\"", "  annotations = { owner = \"x\" }\n", "slow"),
                String.format(manifest, "plain2", "", "", "fast"), "manifest.metadata.name", "plain2",
                r -> map(r, "data").put("mode", "hacked"), "apiVersion=v1,kind=ConfigMap,namespace=team-a,name=plain"));
        return c.stream();
    }
}
