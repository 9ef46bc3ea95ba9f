package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceReader;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.testing.Engine;
import dev.lockstep.provider.kubernetes.testing.Engine.Instance;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import dev.lockstep.provider.kubernetes.value.Values;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A refresh of 3 namespaces x 5 kinds x 20 objects makes one LIST per kind and namespace (plus
 * pages), never a GET per object; objects that lost lockstep's label cost one more LIST.
 */
class RefreshRequestCountTest {

    private static final List<String> NAMESPACES = List.of("team-a", "team-b", "team-c");
    private static final Map<String, String> BODIES = new LinkedHashMap<>();

    static {
        BODIES.put("kubernetes_role", "rule {\n verbs = [\"get\"]\n resources = [\"pods\"]\n api_groups = [\"\"]\n}\n");
        BODIES.put("kubernetes_role_binding", "role_ref {\n api_group = \"rbac.authorization.k8s.io\"\n kind = "
                + "\"Role\"\n name = \"r\"\n}\nsubject {\n kind = \"Group\"\n name = \"g\"\n}\n");
        BODIES.put("kubernetes_config_map", "data = { a = \"b\" }\n");
        BODIES.put("kubernetes_service_account", "");
        BODIES.put("kubernetes_network_policy", "spec {\n pod_selector {}\n policy_types = [\"Ingress\"]\n}\n");
    }

    private static MockCluster cluster;
    private static Map<String, Map<ResourceAddress, Instance>> made = new LinkedHashMap<>();

    @BeforeAll
    static void createObjects() {
        cluster = new MockCluster();
        try (Provider p = cluster.open()) {
            Engine engine = new Engine(p);
            for (Map.Entry<String, String> kind : BODIES.entrySet()) {
                Map<ResourceAddress, Instance> instances = new LinkedHashMap<>();
                for (String ns : NAMESPACES) {
                    for (int i = 0; i < 20; i++) {
                        ResourceAddress a = ResourceAddress.managed(kind.getKey(), "o")
                                .withKey(InstanceKey.of(ns + "-" + i));
                        Diagnostics d = new Diagnostics();
                        Value cfg = Hcl.body(engine.handler(kind.getKey()).schema().block(), "metadata {\n name = \"o"
                                + i + "\"\n namespace = \"" + ns + "\"\n}\n" + kind.getValue(), d);
                        assertFalse(d.hasErrors(), d::toString);
                        instances.put(a, engine.apply(a, null, cfg));
                    }
                }
                made.put(kind.getKey(), instances);
            }
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The state without its resourceVersion, which the label test below moves on. */
    private static Value withoutVersion(Value state) {
        return Values.withFirst(state, "metadata", m -> Values.with(m, "resource_version", Value.nullOf(dev.lockstep.api.value.Type.STRING)));
    }

    private Map<String, Long> refreshAll(Provider p) {
        Engine engine = new Engine(p);
        for (Map.Entry<String, Map<ResourceAddress, Instance>> e : made.entrySet()) {
            ResourceReader.ReadResponse r = engine.refreshAll(e.getKey(), e.getValue());
            assertFalse(r.diagnostics().hasErrors(), r.diagnostics()::toString);
            assertEquals(60, r.results().size());
            for (ResourceReader.ReadResult res : r.results()) {
                assertEquals(withoutVersion(e.getValue().get(res.address()).state()), withoutVersion(res.current()),
                        res.address()::toString);
            }
        }
        return p.requestCounts();
    }

    @Test
    void fifteenListsForThreeNamespacesFiveKindsTwentyObjects() {
        try (Provider p = cluster.open()) {
            long before = total(p.requestCounts());
            cluster.dispatcher.clearRequests();
            Map<String, Long> counts = refreshAll(p);
            assertEquals(15, total(counts) - before, counts::toString);
            counts.forEach((endpoint, n) -> {
                if (!endpoint.equals("GET /version")) {
                    assertTrue(endpoint.startsWith("GET ") && endpoint.contains("/namespaces/{ns}/")
                            && !endpoint.endsWith("{name}"), endpoint);
                    assertEquals(3L, n, endpoint);
                }
            });
            List<String> seen = cluster.dispatcher.requests();
            assertEquals(15, seen.size(), seen::toString);
            for (String r : seen) {
                assertTrue(r.contains("labelSelector=app.kubernetes.io%2Fmanaged-by%3Dlockstep"), r);
                assertTrue(r.contains("limit=500"), r);
            }
        }
    }

    @Test
    void pagesAreFollowedWithContinueTokens() {
        try (Provider p = cluster.open("list_page_size = 7\nretry_interval = \"20ms\"")) {
            cluster.dispatcher.clearRequests();
            Map<String, Long> counts = refreshAll(p);
            // 20 objects in pages of 7: 3 requests for each of the 15 kind/namespace pairs.
            assertEquals(45, total(counts) - 1, counts::toString);
            List<String> seen = cluster.dispatcher.requests();
            assertEquals(45, seen.size());
            assertEquals(30, seen.stream().filter(r -> r.contains("continue=")).count());
        }
    }

    @Test
    void objectsWithoutTheLabelCostOneMoreList() {
        Map<ResourceAddress, Instance> roles = made.get("kubernetes_role");
        List<String> unlabelled = List.of("o1", "o2");
        for (String name : unlabelled) {
            cluster.client.rbac().roles().inNamespace("team-b").withName(name).edit(r -> {
                r.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
                return r;
            });
        }
        try (Provider p = cluster.open()) {
            cluster.dispatcher.clearRequests();
            ResourceReader.ReadResponse r = new Engine(p).refreshAll("kubernetes_role", roles);
            assertFalse(r.diagnostics().hasErrors());
            assertEquals(60, r.results().stream().filter(x -> x.current() != null).count());
            List<String> seen = cluster.dispatcher.requests();
            // one labelled LIST per namespace, and one plain LIST for the two in team-b
            assertEquals(4, seen.size(), seen::toString);
            assertEquals(1, seen.stream().filter(x -> x.contains("/namespaces/team-b/") && !x.contains("labelSelector"))
                    .count(), seen::toString);
        } finally {
            for (String name : unlabelled) {
                cluster.client.rbac().roles().inNamespace("team-b").withName(name).edit(r -> {
                    r.getMetadata().getLabels().put("app.kubernetes.io/managed-by", "lockstep");
                    return r;
                });
            }
        }
        Map<ResourceAddress, Instance> one = new HashMap<>();
        ResourceAddress a = roles.keySet().iterator().next();
        one.put(a, roles.get(a));
        try (Provider p = cluster.open()) {
            cluster.dispatcher.clearRequests();
            new Engine(p).refreshAll("kubernetes_role", one);
            assertEquals(1, cluster.dispatcher.requests().size(), "a lone object is one GET");
        }
    }
}
