package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.UnmanagedLister.Severity;
import dev.lockstep.api.provider.UnmanagedLister.UnmanagedObject;
import dev.lockstep.api.provider.UnmanagedLister.UnmanagedResponse;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.testing.Engine;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Access nobody declared is found, with a severity that follows what it grants. */
class UnmanagedBindingsTest {

    private MockCluster cluster;
    private Provider provider;
    private Engine engine;
    private final Map<ResourceAddress, Value> managed = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        provider = cluster.open();
        engine = new Engine(provider);
        manage("kubernetes_namespace", "ns", "metadata {\n name = \"team-a\"\n}\n");
        manage("kubernetes_role", "reader", "metadata {\n name = \"reader\"\n namespace = \"team-a\"\n}\nrule {\n "
                + "api_groups = [\"\"]\n resources = [\"pods\"]\n verbs = [\"get\"]\n}\n");
        manage("kubernetes_role_binding", "readers", "metadata {\n name = \"readers\"\n namespace = \"team-a\"\n}\n"
                + "role_ref {\n api_group = \"rbac.authorization.k8s.io\"\n kind = \"Role\"\n name = \"reader\"\n}\n"
                + "subject {\n kind = \"Group\"\n name = \"data-eng\"\n}\n");
        manage("kubernetes_network_policy", "deny", "metadata {\n name = \"default-deny\"\n namespace = \"team-a\"\n}\n"
                + "spec {\n pod_selector {}\n policy_types = [\"Ingress\"]\n}\n");
    }

    @AfterEach
    void stop() {
        provider.close();
        cluster.close();
    }

    private void manage(String type, String name, String hcl) {
        ResourceAddress a = ResourceAddress.managed(type, name);
        Diagnostics d = new Diagnostics();
        Value cfg = Hcl.body(engine.handler(type).schema().block(), hcl, d);
        assertFalse(d.hasErrors(), d::toString);
        managed.put(a, engine.apply(a, null, cfg).state());
    }

    private void role(String name, String verbs, String resources) {
        cluster.client.rbac().roles().inNamespace("team-a").resource(new RoleBuilder().withNewMetadata().withName(name)
                .endMetadata().addNewRule().withApiGroups("").withVerbs(verbs.split(",")).withResources(
                        resources.split(",")).endRule().build()).create();
    }

    private void binding(String name, String kind, String role, String subjectKind, String subject) {
        cluster.client.rbac().roleBindings().inNamespace("team-a").resource(new RoleBindingBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewRoleRef("rbac.authorization.k8s.io", kind, role)
                .addNewSubject().withKind(subjectKind).withName(subject).withApiGroup("rbac.authorization.k8s.io")
                .endSubject().build()).create();
    }

    @Test
    void handMadeAccessIsFoundWithItsSeverity() {
        role("wild", "*", "pods");
        role("secret-writer", "get,update", "secrets");
        role("pod-reader", "get,list", "pods");
        cluster.client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("view")
                .endMetadata().addNewRule().withApiGroups("").withVerbs("get").withResources("pods").endRule().build())
                .create();
        binding("rb-admin", "ClusterRole", "cluster-admin", "User", "mallory");
        binding("rb-wild", "Role", "wild", "Group", "data-eng");
        binding("rb-secrets", "Role", "secret-writer", "User", "bob");
        binding("rb-view", "ClusterRole", "view", "User", "carol");
        binding("rb-pods", "Role", "pod-reader", "User", "dave");
        cluster.client.network().v1().networkPolicies().inNamespace("team-a").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-all").endMetadata().withNewSpec().withNewPodSelector()
                .endPodSelector().addNewIngress().endIngress().endSpec().build()).create();
        cluster.client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName("data-eng-admin").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole",
                        "cluster-admin").addNewSubject().withKind("Group").withName("data-eng")
                .withApiGroup("rbac.authorization.k8s.io").endSubject().build()).create();
        cluster.client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName("unrelated").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole",
                        "cluster-admin").addNewSubject().withKind("Group").withName("ops")
                .withApiGroup("rbac.authorization.k8s.io").endSubject().build()).create();
        // in a namespace lockstep does not manage: not its business
        cluster.client.rbac().roleBindings().inNamespace("other").resource(new RoleBindingBuilder().withNewMetadata()
                .withName("elsewhere").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole",
                        "cluster-admin").build()).create();

        UnmanagedResponse r = provider.unmanaged().listUnmanaged(managed);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics()::toString);
        Map<String, UnmanagedObject> found = r.objects().stream().collect(Collectors.toMap(
                o -> o.kind() + " " + o.identifier(), o -> o));
        assertEquals(7, found.size(), found.keySet()::toString);
        assertEquals(Severity.CRITICAL, found.get("RoleBinding team-a/rb-admin").severity());
        assertTrue(found.get("RoleBinding team-a/rb-admin").reason().contains("cluster-admin"));
        assertEquals(Severity.CRITICAL, found.get("RoleBinding team-a/rb-wild").severity());
        assertTrue(found.get("RoleBinding team-a/rb-wild").reason().contains("wildcard"));
        assertEquals(Severity.HIGH, found.get("RoleBinding team-a/rb-secrets").severity());
        assertTrue(found.get("RoleBinding team-a/rb-secrets").reason().contains("secrets"));
        assertEquals(Severity.MEDIUM, found.get("RoleBinding team-a/rb-view").severity());
        assertEquals(Severity.MEDIUM, found.get("RoleBinding team-a/rb-pods").severity());
        assertEquals(Severity.MEDIUM, found.get("NetworkPolicy team-a/allow-all").severity());
        assertEquals(Severity.CRITICAL, found.get("ClusterRoleBinding data-eng-admin").severity());
        assertFalse(found.containsKey("RoleBinding team-a/readers"), "managed binding listed");
        assertFalse(found.containsKey("ClusterRoleBinding unrelated"));
    }

    @Test
    void nothingUnmanagedMeansAnEmptyList() {
        UnmanagedResponse r = provider.unmanaged().listUnmanaged(managed);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics()::toString);
        assertTrue(r.objects().isEmpty(), r.objects()::toString);
    }
}
