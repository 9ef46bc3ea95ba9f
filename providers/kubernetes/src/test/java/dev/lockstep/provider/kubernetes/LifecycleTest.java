package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceImporter;
import dev.lockstep.api.provider.ResourceReader;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.testing.Engine;
import dev.lockstep.provider.kubernetes.testing.Engine.Action;
import dev.lockstep.provider.kubernetes.testing.Engine.Instance;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import dev.lockstep.provider.kubernetes.value.Values;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour around the edges of the object lifecycle: finalizers, waits, generated names, server defaults. */
class LifecycleTest {

    private MockCluster cluster;
    private Provider provider;
    private Engine engine;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        provider = cluster.open("retry_interval = \"20ms\"\ndelete_timeout = \"1s\"");
        engine = new Engine(provider);
    }

    @AfterEach
    void stop() {
        provider.close();
        cluster.close();
    }

    private Value config(String type, String hcl) {
        Diagnostics d = new Diagnostics();
        Value v = Hcl.body(engine.handler(type).schema().block(), hcl, d);
        assertFalse(d.hasErrors(), d::toString);
        return v;
    }

    @Test
    void aDeleteHeldByFinalizersSaysSoAndTheObjectShowsAsTerminating() {
        ResourceAddress a = ResourceAddress.managed("kubernetes_config_map", "c");
        Instance s = engine.apply(a, null, config("kubernetes_config_map", "metadata {\n name = \"c\"\n namespace = "
                + "\"team-a\"\n}\ndata = { a = \"b\" }\n"));
        cluster.client.configMaps().inNamespace("team-a").withName("c").edit(cm -> {
            cm.getMetadata().setFinalizers(List.of("example.com/cleanup"));
            return cm;
        });
        Diagnostics d = ((ResourceDeleter) engine.handler("kubernetes_config_map")).delete(new ApplyRequest(a, s.id(),
                s.state(), null, null));
        assertTrue(d.hasErrors());
        assertTrue(d.toString().contains("still being deleted") && d.toString().contains("example.com/cleanup"),
                d::toString);
        assertTrue(cluster.log.stream().anyMatch(l -> l.contains("is terminating")), cluster.log::toString);

        ResourceReader.ReadResponse r = engine.handler("kubernetes_config_map").read(List.of(
                new ResourceReader.ReadObject(a, s.id(), s.state())));
        assertNotNull(r.results().get(0).current());
        assertTrue(r.diagnostics().toString().contains("Object is terminating"), r.diagnostics()::toString);

        cluster.client.configMaps().inNamespace("team-a").withName("c").edit(cm -> {
            cm.getMetadata().setFinalizers(List.of());
            return cm;
        });
        assertNull(engine.refresh(a, s));
    }

    @Test
    void aNamespaceCanWaitForItsDefaultServiceAccount() throws Exception {
        ResourceAddress a = ResourceAddress.managed("kubernetes_namespace", "n");
        Thread controller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cluster.client.serviceAccounts().inNamespace("waiting").resource(new ServiceAccountBuilder()
                    .withNewMetadata().withName("default").endMetadata().build()).create();
        });
        controller.start();
        Instance s = engine.apply(a, null, config("kubernetes_namespace", "metadata {\n name = \"waiting\"\n}\n"
                + "wait_for_default_service_account = true\n"));
        controller.join();
        assertEquals("waiting", s.id());
        assertTrue(cluster.log.stream().anyMatch(l -> l.contains("waiting for the default service account")));
        assertNotNull(cluster.client.serviceAccounts().inNamespace("waiting").withName("default").get());
    }

    @Test
    void quantitiesInTheServersCanonicalFormAreNotAChange() {
        ResourceAddress a = ResourceAddress.managed("kubernetes_resource_quota", "q");
        String hcl = "metadata {\n name = \"q\"\n namespace = \"team-a\"\n}\nspec {\n hard = { \"requests.memory\" = "
                + "\"%s\", cpu = \"%s\" }\n}\n";
        Instance s = engine.apply(a, null, config("kubernetes_resource_quota", String.format(hcl, "1024Mi", "0.5")));
        // The API server stores quantities canonically.
        cluster.client.resourceQuotas().inNamespace("team-a").withName("q").edit(q -> {
            q.getSpec().getHard().put("requests.memory", new io.fabric8.kubernetes.api.model.Quantity("1Gi"));
            q.getSpec().getHard().put("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m"));
            return q;
        });
        Value refreshed = engine.refresh(a, s);
        assertEquals(Action.NOOP, engine.plan(a, refreshed, config("kubernetes_resource_quota", String.format(hcl,
                "1024Mi", "0.5"))).action());
        assertEquals(Action.UPDATE, engine.plan(a, refreshed, config("kubernetes_resource_quota", String.format(hcl,
                "2Gi", "0.5"))).action());
    }

    @Test
    void aGeneratedNameIsFoundByAddressAfterAnInterruptedCreate() {
        ResourceAddress a = ResourceAddress.managed("kubernetes_secret", "token");
        Value cfg = config("kubernetes_secret", "metadata {\n generate_name = \"token-\"\n namespace = \"team-a\"\n}\n"
                + "data = { k = \"v\" }\n");
        Engine.Planned p = engine.plan(a, null, cfg);
        assertFalse(Values.attr(p.response().planned(), "id").isKnown());
        Instance s = engine.apply(a, null, cfg, p);
        assertTrue(s.id().startsWith("team-a/token-"), s.id());
        ResourceReader.ReadResponse r = engine.handler("kubernetes_secret").read(List.of(
                new ResourceReader.ReadObject(a, null, p.response().planned())));
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics()::toString);
        assertEquals(s.id(), r.results().get(0).id());
        assertEquals(Action.NOOP, engine.plan(a, r.results().get(0).current(), cfg).action());
    }

    @Test
    void rulesFilledByTheAggregationControllerAreNotLockstepsChange() {
        ResourceAddress a = ResourceAddress.managed("kubernetes_cluster_role", "agg");
        Value cfg = config("kubernetes_cluster_role", "metadata {\n name = \"agg\"\n}\naggregation_rule {\n "
                + "cluster_role_selectors {\n  match_labels = { \"rbac.example.com/aggregate-to-agg\" = \"true\" }\n "
                + "}\n}\n");
        Instance s = engine.apply(a, null, cfg);
        cluster.client.rbac().clusterRoles().withName("agg").edit(r -> {
            r.setRules(List.of(new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("get")
                    .build()));
            return r;
        });
        assertEquals(Action.NOOP, engine.plan(a, engine.refresh(a, s), cfg).action());
    }

    @Test
    void importSkipsIgnoredAndInternalKeys() {
        try (Provider p = cluster.open("ignore_annotations = [\"^example\\\\.com/.*\"]\nretry_interval = \"20ms\"")) {
            cluster.client.serviceAccounts().inNamespace("team-a").resource(new ServiceAccountBuilder()
                    .withNewMetadata().withName("bot").addToLabels("team", "a").addToAnnotations("example.com/tracker",
                            "1").addToAnnotations("owner", "ann").addToAnnotations("kubernetes.io/enforce", "x")
                    .endMetadata().build()).create();
            ResourceImporter.ImportResponse r = ((ResourceImporter) p.resource("kubernetes_service_account"))
                    .importObject("team-a/bot");
            assertFalse(r.diagnostics().hasErrors(), r.diagnostics()::toString);
            Value meta = Values.first(r.state(), "metadata");
            assertEquals(java.util.Set.of("owner"), Values.entries(meta, "annotations").keySet());
            assertEquals(java.util.Set.of("team"), Values.entries(meta, "labels").keySet());
            ResourceImporter.ImportResponse bad = ((ResourceImporter) p.resource("kubernetes_service_account"))
                    .importObject("bot");
            assertTrue(bad.diagnostics().toString().contains("namespace/name"), bad.diagnostics()::toString);
            ResourceImporter.ImportResponse missing = ((ResourceImporter) p.resource("kubernetes_service_account"))
                    .importObject("team-a/nobody");
            assertTrue(missing.diagnostics().toString().contains("There is no ServiceAccount team-a/nobody"),
                    missing.diagnostics()::toString);
        }
    }

    @Test
    void aNameTakenByAnotherObjectIsAClearError() {
        cluster.client.configMaps().inNamespace("team-a").resource(new io.fabric8.kubernetes.api.model
                .ConfigMapBuilder().withNewMetadata().withName("taken").endMetadata().build()).create();
        ResourceAddress a = ResourceAddress.managed("kubernetes_config_map", "t");
        Value cfg = config("kubernetes_config_map", "metadata {\n name = \"taken\"\n namespace = \"team-a\"\n}\n");
        Value planned = engine.plan(a, null, cfg).response().planned();
        var r = ((dev.lockstep.api.provider.ResourceCreator) engine.handler("kubernetes_config_map")).create(
                new ApplyRequest(a, null, null, planned, cfg));
        assertTrue(r.diagnostics().toString().contains("lockstep import kubernetes_config_map.t team-a/taken"),
                r.diagnostics()::toString);
    }

    @Test
    void valuesUnknownAtPlanTimeResolveConsistentlyAtApply() {
        ResourceAddress a = ResourceAddress.managed("kubernetes_config_map", "u");
        String hcl = "metadata {\n name = \"u\"\n namespace = \"team-a\"\n labels = { team = \"a\" }\n}\n";
        Instance s = engine.apply(a, null, config("kubernetes_config_map", hcl));
        Value refreshed = engine.refresh(a, s);
        // the label's value comes from another resource and is not known yet
        Value known = config("kubernetes_config_map", hcl);
        Value unknownLabel = Values.withFirst(known, "metadata", m -> Values.with(m, "labels", Value.map(
                dev.lockstep.api.value.Type.STRING, java.util.Map.of("team", Value.unknown(
                        dev.lockstep.api.value.Type.STRING)))));
        Engine.Planned atPlan = engine.plan(a, refreshed, unknownLabel);
        assertEquals(Action.UPDATE, atPlan.action());
        Value rv = Values.attr(Values.first(atPlan.response().planned(), "metadata"), "resource_version");
        assertFalse(rv.isKnown(), "the version cannot be promised while a value is unknown");
        // at apply the value turns out unchanged: the final plan conforms and nothing is sent
        Engine.Planned atApply = engine.plan(a, refreshed, known);
        Engine.consistent("final plan", atPlan.response().planned(), atApply.response().planned());
        long patches = provider.requestCounts().getOrDefault("PATCH /api/v1/namespaces/{ns}/configmaps/{name}", 0L);
        engine.apply(a, new Instance(s.id(), refreshed), known, new Engine.Planned(Action.UPDATE,
                atApply.response()));
        assertEquals(patches, provider.requestCounts().getOrDefault(
                "PATCH /api/v1/namespaces/{ns}/configmaps/{name}", 0L));
    }

    @Test
    void dataSourcesReadNamespacesAndServiceAccounts() {
        engine.apply(ResourceAddress.managed("kubernetes_namespace", "n"), null, config("kubernetes_namespace",
                "metadata {\n name = \"team-z\"\n labels = { team = \"z\" }\n}\n"));
        cluster.client.serviceAccounts().inNamespace("team-z").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("bot").endMetadata().addNewSecret().withName("bot-token-abcde").endSecret()
                .addNewImagePullSecret().withName("registry").endImagePullSecret().build()).create();
        DataSourceHandler ns = provider.dataSource("kubernetes_namespace");
        DataSourceHandler.DataResponse n = ns.read(Hcl.body(ns.schema().block(), "metadata {\n name = \"team-z\"\n}\n",
                new Diagnostics()));
        assertFalse(n.diagnostics().hasErrors(), n.diagnostics()::toString);
        assertEquals("z", Values.entries(Values.first(n.state(), "metadata"), "labels").get("team").asString());
        DataSourceHandler sa = provider.dataSource("kubernetes_service_account");
        DataSourceHandler.DataResponse s = sa.read(Hcl.body(sa.schema().block(), "metadata {\n name = \"bot\"\n "
                + "namespace = \"team-z\"\n}\n", new Diagnostics()));
        assertFalse(s.diagnostics().hasErrors(), s.diagnostics()::toString);
        assertEquals("bot-token-abcde", Values.string(s.state(), "default_secret_name"));
        assertEquals("registry", Values.elements(s.state(), "image_pull_secret").get(0).get("name").asString());
        DataSourceHandler.DataResponse none = sa.read(Hcl.body(sa.schema().block(), "metadata {\n name = \"ghost\"\n}\n",
                new Diagnostics()));
        assertTrue(none.diagnostics().toString().contains("There is no ServiceAccount default/ghost"));
    }
}
