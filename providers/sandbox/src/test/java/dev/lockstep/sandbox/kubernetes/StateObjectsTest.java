package dev.lockstep.sandbox.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.http.DirectoryStateStore;
import dev.lockstep.sandbox.testing.RawHttp;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a state backend relies on, as the API server does it, through the real fabric8 client:
 * compare-and-swap on Secrets and Leases, AlreadyExists, immutable Secrets, the 1 MiB data limit,
 * multi-term selectors with paging, delete preconditions, persistence of Leases, and the fault knobs
 * on these requests.
 */
class StateObjectsTest {
    private static final String NS = "default";

    @TempDir
    Path dir;

    private SandboxKubernetes k8s;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        k8s = open();
        client = SandboxKubernetesTest.client(dir.resolve("kubeconfig"));
    }

    private SandboxKubernetes open() {
        SandboxKubernetes s = new SandboxKubernetes(SandboxKubernetes.Options.defaults()
                .withStore(new DirectoryStateStore(dir, "kubernetes"))
                .withKubeconfig(dir.resolve("kubeconfig")));
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        client.close();
        k8s.stop();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Secret secret(String name, boolean immutable, String value) {
        return client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name)
                .addToLabels("app", "x").endMetadata().withImmutable(immutable ? Boolean.TRUE : null)
                .addToData("blob", b64(value)).build()).create();
    }

    private Lease lease(String name, String holder) {
        return new LeaseBuilder().withNewMetadata().withName(name).addToAnnotations("lockstep.dev/lock-info", "{}")
                .endMetadata().withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(30)
                .withAcquireTime(ZonedDateTime.parse("2026-12-07T10:00:00.123456Z"))
                .withRenewTime(ZonedDateTime.parse("2026-12-07T10:00:05.654321Z")).endSpec().build();
    }

    @Test
    void createOfAnExistingNameIsAlreadyExists() {
        secret("s", true, "v1");
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> secret("s", true, "v2"));
        assertEquals(409, e.getCode());
        assertEquals("AlreadyExists", e.getStatus().getReason());
        client.leases().inNamespace(NS).resource(lease("l", "a")).create();
        KubernetesClientException l = assertThrows(KubernetesClientException.class,
                () -> client.leases().inNamespace(NS).resource(lease("l", "b")).create());
        assertEquals(409, l.getCode());
        assertEquals("AlreadyExists", l.getStatus().getReason());
        assertEquals("a", client.leases().inNamespace(NS).withName("l").get().getSpec().getHolderIdentity());
    }

    @Test
    void theDataOfAnImmutableSecretCannotChange() {
        Secret s = secret("frozen", true, "v1");
        Secret changed = new SecretBuilder(s).addToData("blob", b64("v2")).build();
        KubernetesClientException put = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace(NS).resource(changed).update());
        assertEquals(422, put.getCode());
        assertEquals("Invalid", put.getStatus().getReason());
        assertTrue(put.getStatus().getMessage().contains("field is immutable when `immutable` is set"),
                put.getStatus().getMessage());
        KubernetesClientException merge = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace(NS).withName("frozen").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"data\":{\"other\":\"" + b64("x") + "\"}}"));
        assertEquals(422, merge.getCode());
        KubernetesClientException json = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace(NS).withName("frozen").patch(PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"replace\",\"path\":\"/data/blob\",\"value\":\"" + b64("v3") + "\"}]"));
        assertEquals(422, json.getCode());
        KubernetesClientException thaw = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace(NS).withName("frozen").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"immutable\":false}"));
        assertEquals(422, thaw.getCode());
        KubernetesClientException type = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace(NS).withName("frozen").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"type\":\"other\"}"));
        assertEquals(422, type.getCode(), "a Secret's type never changes");
        assertEquals(b64("v1"), client.secrets().inNamespace(NS).withName("frozen").get().getData().get("blob"));
        // metadata stays mutable; a stale resourceVersion is a conflict before it is invalid
        Secret labelled = client.secrets().inNamespace(NS).resource(new SecretBuilder(s).editMetadata()
                .addToLabels("app", "z").endMetadata().build()).update();
        KubernetesClientException stale = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace(NS).resource(changed).update());
        assertEquals(409, stale.getCode());
        assertEquals("Conflict", stale.getStatus().getReason());
        assertNotEquals(s.getMetadata().getResourceVersion(), labelled.getMetadata().getResourceVersion());
        // and the Secret can be deleted
        Secret relabelled = client.secrets().inNamespace(NS).withName("frozen").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"app\":\"y\"}}}");
        assertEquals("y", relabelled.getMetadata().getLabels().get("app"));
        assertEquals(1, client.secrets().inNamespace(NS).withName("frozen").delete().size());

        // a mutable Secret's data changes; once made immutable it no longer does
        Secret m = secret("mutable", false, "v1");
        Secret updated = client.secrets().inNamespace(NS).resource(new SecretBuilder(m).addToData("blob", b64("v2"))
                .withImmutable(true).build()).update();
        assertEquals(b64("v2"), updated.getData().get("blob"));
        assertEquals(422, assertThrows(KubernetesClientException.class, () -> client.secrets().inNamespace(NS)
                .resource(new SecretBuilder(updated).addToData("blob", b64("v3")).build()).update()).getCode());
        // ConfigMaps follow the same rule
        var cm = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("cm")
                .endMetadata().withImmutable(true).addToData("k", "v").build()).create();
        assertEquals(422, assertThrows(KubernetesClientException.class, () -> client.configMaps().inNamespace(NS)
                .resource(new ConfigMapBuilder(cm).addToData("k", "w").build()).update()).getCode());
    }

    @Test
    void secretDataOverOneMebibyteIsInvalid() {
        byte[] limit = new byte[1_048_576 - 10];
        String okValue = Base64.getEncoder().encodeToString(limit);
        Secret ok = client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("max")
                .endMetadata().addToData("a", okValue).addToData("b", b64("0123456789")).build()).create();
        assertNotNull(ok.getMetadata().getResourceVersion(), "exactly 1,048,576 bytes of data is allowed");
        KubernetesClientException big = assertThrows(KubernetesClientException.class, () -> client.secrets().inNamespace(NS)
                .resource(new SecretBuilder().withNewMetadata().withName("big").endMetadata().addToData("a", okValue)
                        .addToData("b", b64("01234567890")).build()).create());
        assertEquals(422, big.getCode());
        assertEquals("Invalid", big.getStatus().getReason());
        assertTrue(big.getStatus().getMessage().contains("must have at most 1048576 bytes"), big.getStatus().getMessage());
        assertNull(client.secrets().inNamespace(NS).withName("big").get());
        KubernetesClientException grow = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace(NS).withName("max").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"data\":{\"c\":\"" + b64("x") + "\"}}"));
        assertEquals(422, grow.getCode());
        // stringData counts too, once folded into data
        KubernetesClientException folded = assertThrows(KubernetesClientException.class, () -> client.secrets().inNamespace(NS)
                .resource(new SecretBuilder().withNewMetadata().withName("sd").endMetadata().addToData("a", okValue)
                        .addToStringData("b", "01234567890").build()).create());
        assertEquals(422, folded.getCode());
    }

    @Test
    void leasesAreCompareAndSwappedAndPersisted() {
        Lease created = client.leases().inNamespace(NS).resource(lease("lock", "holder-1")).create();
        String rv1 = created.getMetadata().getResourceVersion();
        assertEquals(ZonedDateTime.parse("2026-12-07T10:00:05.654321Z").toInstant(), created.getSpec().getRenewTime().toInstant());
        Lease renewed = client.leases().inNamespace(NS).resource(new LeaseBuilder(created).editSpec()
                .withRenewTime(ZonedDateTime.parse("2026-12-07T10:00:10.000001Z")).endSpec().build()).update();
        String rv2 = renewed.getMetadata().getResourceVersion();
        assertNotEquals(rv1, rv2);
        KubernetesClientException stale = assertThrows(KubernetesClientException.class, () -> client.leases().inNamespace(NS)
                .resource(new LeaseBuilder(created).editSpec().withHolderIdentity("thief").endSpec().build()).update());
        assertEquals(409, stale.getCode());
        assertEquals("Conflict", stale.getStatus().getReason());
        KubernetesClientException zero = assertThrows(KubernetesClientException.class, () -> client.leases().inNamespace(NS)
                .resource(new LeaseBuilder(lease("bad", "x")).editSpec().withLeaseDurationSeconds(0).endSpec().build())
                .create());
        assertEquals(422, zero.getCode(), "leaseDurationSeconds must be greater than 0");

        // delete with a stale precondition is refused; with the current one it deletes
        KubernetesClientException pre = assertThrows(KubernetesClientException.class,
                () -> client.leases().inNamespace(NS).withName("lock").lockResourceVersion(rv1).delete());
        assertEquals(409, pre.getCode());
        // persisted with its resourceVersion across a restart
        client.close();
        k8s.stop();
        k8s = open();
        client = reconnect();
        Lease reloaded = client.leases().inNamespace(NS).withName("lock").get();
        assertEquals(rv2, reloaded.getMetadata().getResourceVersion());
        assertEquals("holder-1", reloaded.getSpec().getHolderIdentity());
        assertEquals(ZonedDateTime.parse("2026-12-07T10:00:10.000001Z").toInstant(), reloaded.getSpec().getRenewTime().toInstant());
        var wire = RawHttp.send("GET", URI.create(k8s.baseUri() + "/apis/coordination.k8s.io/v1/namespaces/default/leases/lock"),
                null).json().path("spec");
        assertEquals("2026-12-07T10:00:10.000001Z", wire.path("renewTime").asText(), "MicroTime on the wire");
        assertEquals("{}", reloaded.getMetadata().getAnnotations().get("lockstep.dev/lock-info"));
        assertEquals(1, client.leases().inNamespace(NS).withName("lock").lockResourceVersion(rv2).delete().size());
        assertNull(client.leases().inNamespace(NS).withName("lock").get());
    }

    private KubernetesClient reconnect() {
        try {
            return SandboxKubernetesTest.client(dir.resolve("kubeconfig"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void selectorsWithSeveralTermsPageWithLimitAndContinue() {
        for (int i = 0; i < 7; i++) {
            String kind = i % 2 == 0 ? "meta" : "chunk";
            client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("s-" + i)
                    .addToLabels("lockstep.dev/state", i < 6 ? "prod" : "dev").addToLabels("lockstep.dev/kind", kind)
                    .endMetadata().build()).create();
        }
        List<String> seen = new ArrayList<>();
        String cont = null;
        int pages = 0;
        do {
            SecretList page = client.secrets().inNamespace(NS).list(new ListOptionsBuilder().withLimit(2L).withContinue(cont)
                    .withLabelSelector("lockstep.dev/state=prod,lockstep.dev/kind=meta").build());
            page.getItems().forEach(s -> seen.add(s.getMetadata().getName()));
            cont = page.getMetadata().getContinue();
            pages++;
        } while (cont != null && !cont.isEmpty());
        assertEquals(List.of("s-0", "s-2", "s-4"), seen);
        assertEquals(2, pages);
        assertEquals(List.of("s-6"), client.secrets().inNamespace(NS).withLabel("lockstep.dev/state", "dev").list()
                .getItems().stream().map(s -> s.getMetadata().getName()).toList());
        client.leases().inNamespace(NS).resource(new LeaseBuilder(lease("l1", "a")).editMetadata()
                .addToLabels("lockstep.dev/state", "prod").addToLabels("lockstep.dev/kind", "lock").endMetadata().build()).create();
        client.leases().inNamespace(NS).resource(new LeaseBuilder(lease("l2", "a")).editMetadata()
                .addToLabels("lockstep.dev/state", "dev").addToLabels("lockstep.dev/kind", "lock").endMetadata().build()).create();
        assertEquals(List.of("l1"), client.leases().inNamespace(NS).list(new ListOptionsBuilder()
                .withLabelSelector("lockstep.dev/state in (prod),lockstep.dev/kind=lock").build())
                .getItems().stream().map(l -> l.getMetadata().getName()).toList());
    }

    @Test
    void faultsApplyToLeaseAndSecretWrites() {
        k8s.faults().retryAfterSeconds(0).tooManyRequestsBurst(2);
        client.leases().inNamespace(NS).resource(lease("faulty", "a")).create();
        var log = k8s.requestLog().snapshot();
        assertEquals(2, log.count("POST /apis/coordination.k8s.io/v1/namespaces/{namespace}/leases", 429));
        assertEquals(1, log.count("POST /apis/coordination.k8s.io/v1/namespaces/{namespace}/leases", 201));
        k8s.faults().reset().serverErrorRate(1.0, 7);
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> secret("faulty", true, "v"));
        assertTrue(e.getCode() == 500 || e.getCode() == 503, String.valueOf(e.getCode()));
        k8s.faults().reset();
        assertNull(client.secrets().inNamespace(NS).withName("faulty").get(), "an injected failure writes nothing");
        var raw = RawHttp.send("GET", URI.create(k8s.baseUri() + "/apis/coordination.k8s.io/v1/namespaces/default/leases/faulty"),
                null);
        assertEquals(200, raw.status());
    }
}
