package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceImporter;
import dev.lockstep.api.provider.ResourceReader;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.testing.Engine;
import dev.lockstep.provider.kubernetes.testing.Engine.Action;
import dev.lockstep.provider.kubernetes.testing.Engine.Instance;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared provider contract, once per resource type, through the SPI and the real fabric8
 * client against the CRUD mock server: create, batched read, plan-after-apply is empty, server and
 * controller noise is not a change, update in place, removing a field removes it, out-of-band
 * changes are detected and reverted, a forced replacement names its path, delete, an interrupted
 * create is adopted by name, and import of a foreign object plans empty.
 */
class ContractTest {

    private MockCluster cluster;
    private Provider provider;
    private Engine engine;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        provider = cluster.open();
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
        assertFalse(d.hasErrors(), () -> "config of " + type + ": " + d);
        return v;
    }

    private Resource<GenericKubernetesResource> live(ContractCase c, String name) {
        var op = cluster.client.genericKubernetesResources(c.apiVersion(), c.kind());
        return c.namespace() == null ? op.withName(name) : op.inNamespace(c.namespace()).withName(name);
    }

    /** The live object of an instance, wherever its id says it is. */
    private Resource<GenericKubernetesResource> liveOf(ContractCase c, Instance inst) {
        String ns = null;
        String name = inst.id();
        if (inst.id().startsWith("apiVersion=")) {
            for (String part : inst.id().split(",")) {
                if (part.startsWith("namespace=")) {
                    ns = part.substring(10);
                } else if (part.startsWith("name=")) {
                    name = part.substring(5);
                }
            }
        } else if (inst.id().contains("/")) {
            ns = inst.id().substring(0, inst.id().indexOf('/'));
            name = inst.id().substring(inst.id().indexOf('/') + 1);
        }
        var op = cluster.client.genericKubernetesResources(c.apiVersion(), c.kind());
        return ns == null ? op.withName(name) : op.inNamespace(ns).withName(name);
    }

    private Action planAfterRefresh(ResourceAddress addr, Instance inst, Value config) {
        Value current = engine.refresh(addr, inst);
        assertNotNull(current, "object vanished: " + addr);
        return engine.plan(addr, current, config).action();
    }

    static java.util.stream.Stream<ContractCase> cases() {
        return ContractCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void contract(ContractCase c) {
        ResourceAddress addr = ResourceAddress.managed(c.type(), "x");
        Value v1 = config(c.type(), c.v1());
        Value v2 = config(c.type(), c.v2());
        Value v3 = config(c.type(), c.v3());

        // create, and the object carries lockstep's label and address
        Instance s1 = engine.apply(addr, null, v1);
        GenericKubernetesResource obj = live(c, c.name()).get();
        assertNotNull(obj, "created object not found");
        assertEquals(LockstepKeys.LOCKSTEP, obj.getMetadata().getLabels().get(LockstepKeys.MANAGED_BY));
        assertEquals(addr.toString(), obj.getMetadata().getAnnotations().get(LockstepKeys.ADDRESS));

        // batched read gives back the state; planning the same configuration changes nothing
        Value read = engine.refresh(addr, s1);
        assertEquals(s1.state(), Engine.redact(read), "read-back differs from the applied state");
        assertEquals(Action.NOOP, engine.plan(addr, read, v1).action());

        // an interrupted create (no id) is found by name
        ResourceReader.ReadResponse adopted = engine.handler(c.type()).read(List.of(
                new ResourceReader.ReadObject(addr, null, engine.plan(addr, null, v1).response().planned())));
        assertEquals(s1.id(), adopted.results().get(0).id());
        assertEquals(s1.state(), Engine.redact(adopted.results().get(0).current()));

        // labels and annotations others add are not lockstep's: no change
        live(c, c.name()).edit(r -> {
            r.getMetadata().getLabels().put("controller.example.com/injected", "yes");
            r.getMetadata().getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration", "{}");
            return r;
        });
        assertEquals(Action.NOOP, planAfterRefresh(addr, s1, v1));

        // update in place, then plan-after-apply is empty
        Engine.Planned p2 = engine.plan(addr, engine.refresh(addr, s1), v2);
        assertEquals(Action.UPDATE, p2.action(), "v2 should update in place");
        Instance s2 = engine.apply(addr, new Instance(s1.id(), engine.refresh(addr, s1)), v2, p2);
        assertEquals(Action.NOOP, planAfterRefresh(addr, s2, v2));
        assertEquals("x", live(c, c.name()).get().getMetadata().getAnnotations().get("owner"));

        // removing an attribute from the configuration removes it from the object; others' keys stay
        Instance s1b = engine.apply(addr, new Instance(s2.id(), engine.refresh(addr, s2)), v1);
        GenericKubernetesResource after = live(c, c.name()).get();
        assertNull(after.getMetadata().getAnnotations().get("owner"), "owner annotation should be removed");
        assertNull(after.getMetadata().getLabels().get("tier"), "tier label should be removed");
        assertEquals("yes", after.getMetadata().getLabels().get("controller.example.com/injected"));
        assertEquals(Action.NOOP, planAfterRefresh(addr, s1b, v1));

        // out-of-band: a label lockstep set is edited -> detected, and the apply reverts it
        live(c, c.name()).edit(r -> {
            r.getMetadata().getLabels().put("team", "changed-by-hand");
            return r;
        });
        Value drifted = engine.refresh(addr, s1b);
        assertEquals(Action.UPDATE, engine.plan(addr, drifted, v1).action(), "label drift not detected");
        Instance s1c = engine.apply(addr, new Instance(s1b.id(), drifted), v1);
        assertEquals("a", live(c, c.name()).get().getMetadata().getLabels().get("team"));

        // out-of-band: the kind's own field changes (a rule added, data edited...) -> detected and reverted
        live(c, c.name()).edit(r -> {
            c.drift().accept(r);
            return r;
        });
        drifted = engine.refresh(addr, s1c);
        assertEquals(Action.UPDATE, engine.plan(addr, drifted, v1).action(), "spec drift not detected");
        Instance s1d = engine.apply(addr, new Instance(s1c.id(), drifted), v1);
        assertEquals(Action.NOOP, planAfterRefresh(addr, s1d, v1));

        // a change that cannot be applied in place is a replacement naming the path
        Engine.Planned p3 = engine.plan(addr, engine.refresh(addr, s1d), v3);
        assertEquals(Action.REPLACE, p3.action());
        assertTrue(p3.replacePaths().contains(AttributePath.parse(c.replacePath())),
                () -> "replace paths " + p3.replacePaths());
        Instance s3 = engine.apply(addr, new Instance(s1d.id(), engine.refresh(addr, s1d)), v3, p3);
        assertEquals(Action.NOOP, planAfterRefresh(addr, s3, v3));

        // out-of-band: the object is deleted -> the next read says it is gone, and it is planned anew
        liveOf(c, s3).delete();
        assertNull(liveOf(c, s3).get(), "out-of-band delete did not happen");
        assertNull(engine.refresh(addr, s3), "deletion not detected");
        assertEquals(Action.CREATE, engine.plan(addr, null, v3).action());
        s3 = engine.apply(addr, null, v3);

        // delete: the object is gone and a later read says so
        engine.destroy(addr, s3);
        assertNull(engine.refresh(addr, s3));
        if (!c.newName().equals(c.name()) || c.namespace() != null && !c.v3().contains(c.namespace())) {
            assertNull(live(c, c.name()).get(), "the replaced object must be gone");
        }

        // import of an object lockstep did not write: take it over and plan nothing
        Instance again = engine.apply(addr, null, v1);
        live(c, c.name()).edit(r -> {
            r.getMetadata().getLabels().remove(LockstepKeys.MANAGED_BY);
            r.getMetadata().getAnnotations().remove(LockstepKeys.ADDRESS);
            r.getMetadata().getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration", "{}");
            return r;
        });
        ResourceImporter.ImportResponse imported = ((ResourceImporter) engine.handler(c.type()))
                .importObject(c.importId());
        assertFalse(imported.diagnostics().hasErrors(), imported.diagnostics()::toString);
        assertEquals(again.id(), imported.id());
        Instance im = new Instance(imported.id(), Engine.redact(imported.state()));
        Value refreshed = engine.refresh(addr, im);
        assertEquals(Action.NOOP, engine.plan(addr, refreshed, v1).action(), () -> "plan after import should be "
                + "empty: " + refreshed + " vs " + engine.plan(addr, refreshed, v1).response().planned());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneRefreshReadsManyObjectsOfAType(ContractCase c) {
        Map<ResourceAddress, Instance> made = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            ResourceAddress a = ResourceAddress.managed(c.type(), "n" + i);
            String name = c.name() + "-" + i;
            String hcl = c.v1().replace("\"" + c.name() + "\"", "\"" + name + "\"");
            made.put(a, engine.apply(a, null, config(c.type(), hcl)));
        }
        ResourceReader.ReadResponse r = engine.refreshAll(c.type(), made);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics()::toString);
        assertEquals(3, r.results().size());
        for (ResourceReader.ReadResult res : r.results()) {
            assertEquals(made.get(res.address()).state(), Engine.redact(res.current()));
        }
    }
}
