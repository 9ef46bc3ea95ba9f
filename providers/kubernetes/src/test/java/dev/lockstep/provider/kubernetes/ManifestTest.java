package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.testing.Engine;
import dev.lockstep.provider.kubernetes.testing.Engine.Action;
import dev.lockstep.provider.kubernetes.testing.Engine.Instance;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kubernetes_manifest with custom resources: CRD then CR in one run, discovery, waits, computed fields. */
class ManifestTest {

    static final String CRD = """
            manifest = {
              apiVersion = "apiextensions.k8s.io/v1"
              kind       = "CustomResourceDefinition"
              metadata = {
                name = "testcrds.hashicorp.com"
              }
              spec = {
                group = "hashicorp.com"
                names = {
                  kind   = "TestCrd"
                  plural = "testcrds"
                }
                scope = "Namespaced"
                versions = [{
                  name    = "v1"
                  served  = true
                  storage = true
                  schema = {
                    openAPIV3Schema = {
                      type = "object"
                      properties = {
                        data = { type = "string" }
                        refs = { type = "number" }
                      }
                    }
                  }
                }]
              }
            }
            """;

    private MockCluster cluster;
    private Provider provider;
    private Engine engine;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        provider = cluster.open("retry_interval = \"20ms\"\ndelete_timeout = \"2s\"");
        engine = new Engine(provider);
    }

    @AfterEach
    void stop() {
        provider.close();
        cluster.close();
    }

    private Value manifest(String hcl) {
        Diagnostics d = new Diagnostics();
        Value v = Hcl.body(engine.handler("kubernetes_manifest").schema().block(), hcl, d);
        assertFalse(d.hasErrors(), d::toString);
        return v;
    }

    private static String cr(String data) {
        return "manifest = {\n apiVersion = \"hashicorp.com/v1\"\n kind = \"TestCrd\"\n metadata = { name = \"one\", "
                + "namespace = \"team-a\" }\n data = \"" + data + "\"\n refs = 3\n}\n";
    }

    @Test
    void aCustomResourceDefinitionAndItsObjects() {
        ResourceAddress crdAddr = ResourceAddress.managed("kubernetes_manifest", "crd");
        ResourceAddress crAddr = ResourceAddress.managed("kubernetes_manifest", "cr");

        // Before the CRD exists, the kind is unknown and the create says why.
        Value early = manifest(cr("hello"));
        ApplyResponse refused = ((ResourceCreator) engine.handler("kubernetes_manifest")).create(new ApplyRequest(
                crAddr, null, null, engine.plan(crAddr, null, early).response().planned(), early));
        assertTrue(refused.diagnostics().toString().contains("Is the CRD installed?"), refused.diagnostics()::toString);

        Instance crd = engine.apply(crdAddr, null, manifest(CRD));
        assertEquals("apiVersion=apiextensions.k8s.io/v1,kind=CustomResourceDefinition,name=testcrds.hashicorp.com",
                crd.id());
        assertEquals(Action.NOOP, engine.plan(crdAddr, engine.refresh(crdAddr, crd), manifest(CRD)).action());

        Instance cr = engine.apply(crAddr, null, manifest(cr("hello")));
        assertEquals("apiVersion=hashicorp.com/v1,kind=TestCrd,namespace=team-a,name=one", cr.id());
        GenericKubernetesResource live = cluster.client.genericKubernetesResources("hashicorp.com/v1", "TestCrd")
                .inNamespace("team-a").withName("one").get();
        assertEquals("hello", live.getAdditionalProperties().get("data"));
        assertEquals(Action.NOOP, engine.plan(crAddr, engine.refresh(crAddr, cr), manifest(cr("hello"))).action());

        // out-of-band edit of a field the manifest sets
        cluster.client.genericKubernetesResources("hashicorp.com/v1", "TestCrd").inNamespace("team-a")
                .withName("one").edit(r -> {
                    r.getAdditionalProperties().put("data", "changed");
                    return r;
                });
        Value drifted = engine.refresh(crAddr, cr);
        assertEquals(Action.UPDATE, engine.plan(crAddr, drifted, manifest(cr("hello"))).action());
        Instance cr2 = engine.apply(crAddr, new Instance(cr.id(), drifted), manifest(cr("bye")));
        assertEquals("bye", cluster.client.genericKubernetesResources("hashicorp.com/v1", "TestCrd")
                .inNamespace("team-a").withName("one").get().getAdditionalProperties().get("data"));

        // discovery: one miss before the CRD existed (misses are not cached), one hit, then cached
        assertEquals(2L, provider.requestCounts().get("GET /apis/hashicorp.com/v1"), provider.requestCounts()::toString);

        engine.destroy(crAddr, cr2);
        assertNull(engine.refresh(crAddr, cr2));
        engine.destroy(crdAddr, crd);
        assertNull(engine.refresh(crdAddr, crd));
    }

    @Test
    void waitFieldsHoldTheCreateUntilTheyMatch() throws Exception {
        ResourceAddress a = ResourceAddress.managed("kubernetes_manifest", "cm");
        Thread controller = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                try {
                    Thread.sleep(100);
                    var op = cluster.client.configMaps().inNamespace("team-a").withName("ready");
                    if (op.get() != null) {
                        op.edit(cm -> {
                            cm.getData().put("ready", "yes");
                            return cm;
                        });
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // not there yet
                }
            }
        });
        controller.start();
        Instance s = engine.apply(a, null, manifest("manifest = {\n apiVersion = \"v1\"\n kind = \"ConfigMap\"\n "
                + "metadata = { name = \"ready\", namespace = \"team-a\" }\n data = { state = \"new\" }\n}\nwait {\n "
                + "fields = { \"data.ready\" = \"^yes$\" }\n}\ntimeouts {\n create = \"10s\"\n}\n"));
        controller.join();
        assertEquals("yes", ((Map<?, ?>) ((Map<?, ?>) dev.lockstep.provider.kubernetes.value.Json.fromValue(
                dev.lockstep.provider.kubernetes.value.Values.attr(s.state(), "object"))).get("data")).get("ready"));

        ResourceAddress b = ResourceAddress.managed("kubernetes_manifest", "never");
        Value never = manifest("manifest = {\n apiVersion = \"v1\"\n kind = \"ConfigMap\"\n metadata = { name = "
                + "\"never\", namespace = \"team-a\" }\n}\nwait {\n fields = { \"data.state\" = \"*\" }\n condition {\n  "
                + "type = \"Ready\"\n  status = \"True\"\n }\n}\ntimeouts {\n create = \"1s\"\n}\n");
        ApplyResponse r = ((ResourceCreator) engine.handler("kubernetes_manifest")).create(new ApplyRequest(b, null,
                null, engine.plan(b, null, never).response().planned(), never));
        assertTrue(r.diagnostics().hasErrors());
        assertTrue(r.diagnostics().toString().contains("data.state set") && r.diagnostics().toString()
                .contains("condition Ready=True"), r.diagnostics()::toString);
        assertTrue(r.newState() != null, "the object exists, so its state is returned with the error");
    }

    @Test
    void computedFieldsAcceptServerChanges() {
        String body = "manifest = {\n apiVersion = \"v1\"\n kind = \"Namespace\"\n metadata = {\n  name = \"team-m\"\n  "
                + "annotations = { owner = \"ann\" }\n }\n}\n";
        ResourceAddress a = ResourceAddress.managed("kubernetes_manifest", "ns");
        Instance s = engine.apply(a, null, manifest(body + "computed_fields = [\"metadata.annotations\"]\n"));
        assertEquals("apiVersion=v1,kind=Namespace,name=team-m", s.id());
        cluster.client.namespaces().withName("team-m").edit(n -> {
            n.getMetadata().getAnnotations().put("owner", "mutated-by-webhook");
            return n;
        });
        Value refreshed = engine.refresh(a, s);
        assertEquals(Action.NOOP, engine.plan(a, refreshed, manifest(body
                + "computed_fields = [\"metadata.annotations\"]\n")).action());
        Value withoutComputed = engine.refresh(a, new Instance(s.id(), dev.lockstep.provider.kubernetes.value.Values
                .with(s.state(), "computed_fields", Value.nullOf(dev.lockstep.api.value.Type.list(
                        dev.lockstep.api.value.Type.STRING)))));
        assertEquals(Action.UPDATE, engine.plan(a, withoutComputed, manifest(body)).action());
    }

    @Test
    void forceConflictsIsANote() {
        ResourceAddress a = ResourceAddress.managed("kubernetes_manifest", "fc");
        Engine.Planned p = engine.plan(a, null, manifest("manifest = {\n apiVersion = \"v1\"\n kind = \"ConfigMap\"\n "
                + "metadata = { name = \"fc\" }\n}\nfield_manager {\n name = \"team\"\n force_conflicts = true\n}\n"));
        assertTrue(p.response().notes().get(0).contains("force_conflicts"));
        Instance s = engine.apply(a, null, manifest("manifest = {\n apiVersion = \"v1\"\n kind = \"ConfigMap\"\n "
                + "metadata = { name = \"fc\" }\n}\nfield_manager {\n name = \"team\"\n}\n"));
        assertEquals("apiVersion=v1,kind=ConfigMap,namespace=default,name=fc", s.id());
    }
}
