package dev.lockstep.provider.kubernetes.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import dev.lockstep.state.remote.BackendFactory;
import dev.lockstep.state.remote.LeaseRecord;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory, the checks on its arguments, and the objects the store writes, as kubectl would see them. */
class KubernetesBackendTest {

    @TempDir
    Path dir;

    private SandboxKubernetes k8s;
    private KubernetesClient kubectl;

    @BeforeEach
    void start() {
        k8s = new SandboxKubernetes();
        k8s.start();
        Config cfg = Config.empty();
        cfg.setMasterUrl(k8s.baseUri().toString());
        kubectl = new KubernetesClientBuilder().withConfig(cfg).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    @AfterEach
    void stop() {
        kubectl.close();
        k8s.stop();
    }

    private static StateException refused(String block) {
        return assertThrows(StateException.class, () -> BackendSettings.of(Backends.settings(block), Map.of()));
    }

    @Test
    void serviceLoaderFindsTheFactoryWithTerraformsArguments() {
        BackendFactory f = StreamSupport.stream(ServiceLoader.load(BackendFactory.class).spliterator(), false)
                .filter(b -> b.type().equals("kubernetes")).findFirst().orElseThrow();
        assertInstanceOf(KubernetesBackendFactory.class, f);
        var attrs = f.schema().attributes();
        for (String a : new String[] {"secret_suffix", "namespace", "labels", "in_cluster_config", "load_config_file",
                "host", "username", "password", "insecure", "client_certificate", "client_key",
                "cluster_ca_certificate", "config_path", "config_paths", "config_context", "config_context_auth_info",
                "config_context_cluster", "token", "proxy_url"}) {
            assertTrue(attrs.containsKey(a), a);
        }
        assertTrue(attrs.get("secret_suffix").required());
        assertTrue(attrs.get("token").sensitive() && attrs.get("client_key").sensitive() && attrs.get("password").sensitive());
        assertTrue(f.schema().blocks().containsKey("exec"));
        assertFalse(attrs.containsKey("snapshots") || attrs.containsKey("lock_duration"), "added by the caller");
    }

    /** Defines the backend package's classes itself and refuses every fabric8 class. */
    private static final class NoFabric8 extends ClassLoader {
        NoFabric8(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.fabric8.")) {
                throw new ClassNotFoundException("fabric8 is not allowed here: " + name);
            }
            if (!name.startsWith("dev.lockstep.provider.kubernetes.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (java.io.InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    @Test
    void typeAndSchemaNeedNoClientClass() throws Exception {
        NoFabric8 loader = new NoFabric8(getClass().getClassLoader());
        BackendFactory f = (BackendFactory) loader.loadClass(KubernetesBackendFactory.class.getName())
                .getDeclaredConstructor().newInstance();
        assertEquals("kubernetes", f.type());
        assertTrue(f.schema().attributes().containsKey("secret_suffix"));
        Class<?> store = loader.loadClass(KubernetesStore.class.getName());
        assertThrows(NoClassDefFoundError.class, store::getDeclaredMethods, "the loader does refuse fabric8");
    }

    @Test
    void argumentsLockstepCannotHonourAreErrors() {
        assertTrue(refused("secret_suffix = \"Prod_1\"").getMessage().contains("secret_suffix \"Prod_1\" is not usable"));
        assertTrue(refused("secret_suffix = \"p\"\nnamespace = \"No\"").getMessage().contains("not a valid namespace"));
        assertTrue(refused("secret_suffix = \"p\"\nlabels = { \"lockstep.dev/state\" = \"x\" }").getMessage()
                .contains("keeps for its own labels"));
        assertTrue(refused("secret_suffix = \"p\"\nlabels = { \"team\" = \"a b\" }").getMessage()
                .contains("not a valid Kubernetes label value"));
        assertTrue(refused("secret_suffix = \"p\"\nload_config_file = false").getMessage()
                .contains("load_config_file = false is not supported"));
        assertTrue(refused("secret_suffix = \"p\"\nin_cluster_config = true\nconfig_path = \"/k\"").getMessage()
                .contains("cannot be combined with config_path"));
        assertTrue(refused("secret_suffix = \"p\"\nexec {\n api_version = \"v1\"\n command = \"aws\"\n}").getMessage()
                .contains("exec is used together with host"));
        assertTrue(refused("secret_suffix = \"p\"\nhost = \"https://h\"\nclient_certificate = \"c\"").getMessage()
                .contains("client_certificate and client_key go together"));
        StateException secret = refused("secret_suffix = \"p\"\nhost = \"https://h\"\nusername = \"u\"");
        assertTrue(secret.getMessage().contains("username and password go together"));
    }

    @Test
    void environmentFillsNamespaceAndSettingsNeverShowCredentials() throws Exception {
        BackendSettings s = BackendSettings.of(Backends.settings("secret_suffix = \"p\"\ntoken = \"tok-123\"\n"
                + "labels = { team = \"a\" }"), Map.of("KUBE_NAMESPACE", "ci", "KUBE_HOST", "https://h"));
        assertEquals("ci", s.namespace());
        assertEquals("https://h", s.connection().get("host"));
        assertEquals(Map.of("team", "a"), s.labels());
        assertFalse(s.toString().contains("tok-123"), s.toString());
        BackendSettings inCluster = BackendSettings.of(Backends.settings("secret_suffix = \"p\""),
                Map.of("KUBE_IN_CLUSTER_CONFIG", "true"));
        assertTrue(inCluster.inCluster());
        StateException notInPod = assertThrows(StateException.class, () -> new KubernetesBackendFactory().open(
                new BackendConfig(Backends.settings("secret_suffix = \"p\"\nin_cluster_config = true"), Map.of(),
                        dir, Map.of(), ProviderLog.NONE), dir, Backends.FAST));
        assertTrue(notInPod.getMessage().contains("does not run in a pod"), notInPod.getMessage());
        java.nio.file.Files.writeString(dir.resolve("token"), "sa-token\n");
        var pod = new dev.lockstep.provider.kubernetes.client.Connection(inCluster.connection(), Map.of(),
                Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "6443"), dir).resolveInCluster();
        assertEquals("https://10.0.0.1:6443/", pod.config().getMasterUrl());
        assertEquals("sa-token", pod.config().getOauthTokenProvider().getToken());
        StateException none = assertThrows(StateException.class, () -> new KubernetesBackendFactory().open(
                new BackendConfig(Backends.settings("secret_suffix = \"p\""), Map.of("HOME", dir.toString()), dir,
                        Map.of(), ProviderLog.NONE), dir, Backends.FAST));
        assertTrue(none.getMessage().contains("no Kubernetes cluster configured"), none.getMessage());
    }

    @Test
    void blobsPointerAndLeaseAreTheDocumentedObjects() throws Exception {
        try (KubernetesStore s = Backends.open(k8s, "secret_suffix = \"prod\"\nlabels = { team = \"infra\" }",
                Backends.FAST)) {
            s.createBlob("chunk.3.abc.0", new byte[] {1, 2, 3});
            s.createBlob("meta.3.abc", "{}".getBytes(StandardCharsets.UTF_8));
            s.writePointer(Map.of("serial", "3", "meta", "meta.3.abc"), null);
            Instant now = Instant.parse("2026-12-07T10:00:00.123456789Z");
            LockInfo info = new LockInfo("id-9", "ana@ci", "apply", now, "/cfg", "0.1", 7, now.plusSeconds(60));
            s.lease().write(new LeaseRecord(info, Duration.ofSeconds(60), now, now, null), null);

            Secret chunk = kubectl.secrets().inNamespace("default").withName("lockstep-prod-chunk.3.abc.0").get();
            assertEquals("lockstep.dev/state", chunk.getType());
            assertTrue(chunk.getImmutable());
            assertEquals(Map.of("lockstep.dev/state", "prod", "lockstep.dev/kind", "chunk", "team", "infra"),
                    chunk.getMetadata().getLabels());
            assertEquals(Map.of("blob", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})), chunk.getData());
            Secret pointer = kubectl.secrets().inNamespace("default").withName("lockstep-state-prod").get();
            assertEquals("pointer", pointer.getMetadata().getLabels().get("lockstep.dev/kind"));
            assertNull(pointer.getImmutable());
            assertEquals("meta.3.abc", new String(Base64.getDecoder().decode(pointer.getData().get("meta")),
                    StandardCharsets.UTF_8));
            Lease lease = kubectl.leases().inNamespace("default").withName("lockstep-lock-prod").get();
            assertEquals("id-9", lease.getSpec().getHolderIdentity());
            assertEquals(60, lease.getSpec().getLeaseDurationSeconds());
            assertEquals(Instant.parse("2026-12-07T10:00:00.123456Z"), lease.getSpec().getRenewTime().toInstant(),
                    "MicroTime keeps microseconds");
            assertEquals("lock", lease.getMetadata().getLabels().get("lockstep.dev/kind"));
            assertTrue(lease.getMetadata().getAnnotations().get("lockstep.dev/lock-info").contains("\"who\":\"ana@ci\""));
            assertEquals(info, s.lease().read().orElseThrow().info(), "the whole LockInfo round-trips");
            byte[] full = new byte[s.maxBlobBytes()];
            new java.util.Random(5).nextBytes(full);
            s.createBlob("chunk.3.abc.1", full);
            assertArrayEquals(full, s.readBlob("chunk.3.abc.1").orElseThrow(), "a blob of maxBlobBytes fits one Secret");
            assertThrows(StateException.class, () -> s.lease().write(new LeaseRecord(info, Duration.ofMillis(1500),
                    now, now, null), null), "a Lease holds whole seconds");
        }
    }

    /** Requests of each kind since {@code before}, as the store's counter has them. */
    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            if (n != 0) {
                d.put(k, n);
            }
        });
        return d;
    }

    @Test
    void eachOperationIsTheOneRequestTheRbacTableNames() throws Exception {
        String secrets = "/api/v1/namespaces/{ns}/secrets";
        String leases = "/apis/coordination.k8s.io/v1/namespaces/{ns}/leases";
        try (KubernetesStore s = Backends.open(k8s, "secret_suffix = \"count\"", Backends.FAST)) {
            Map<String, Long> t0 = s.requestCounts();
            s.createBlob("meta.1.a", new byte[] {1});
            s.readBlob("meta.1.a");
            s.listBlobs("meta.");
            s.deleteBlob("meta.1.a");
            assertEquals(Map.of("POST " + secrets, 1L, "GET " + secrets + "/{name}", 1L, "GET " + secrets, 1L,
                    "DELETE " + secrets + "/{name}", 1L), since(t0, s.requestCounts()));
            Map<String, Long> t1 = s.requestCounts();
            String v = s.writePointer(Map.of("serial", "1"), null);
            s.writePointer(Map.of("serial", "2"), v);
            assertEquals(Map.of("POST " + secrets, 1L, "PUT " + secrets + "/{name}", 1L), since(t1, s.requestCounts()));
            Map<String, Long> t2 = s.requestCounts();
            Instant now = Instant.parse("2026-12-07T10:00:00Z");
            LeaseRecord r = new LeaseRecord(new LockInfo("i", "w", "apply", now, "/", "0", 1, now), Duration.ofSeconds(5),
                    now, now, null);
            String lv = s.lease().write(r, null);
            lv = s.lease().write(r, lv);
            s.lease().read();
            s.lease().delete(lv);
            assertEquals(Map.of("POST " + leases, 1L, "PUT " + leases + "/{name}", 1L, "GET " + leases + "/{name}", 1L,
                    "DELETE " + leases + "/{name}", 1L), since(t2, s.requestCounts()));
        }
    }

    @Test
    void listingSelectsByLabelsAndPages() throws Exception {
        try (KubernetesStore s = Backends.open(k8s, "secret_suffix = \"big\"", Backends.FAST)) {
            for (int i = 0; i < 130; i++) {
                s.createBlob("meta." + i + ".x", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            }
            s.createBlob("chunk.1.x.0", new byte[100_000]);
            // a Secret named like a meta blob but labelled as a chunk is not listed: the LIST selects by label
            kubectl.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                    .withName("lockstep-big-meta.999.x").addToLabels("lockstep.dev/state", "big")
                    .addToLabels("lockstep.dev/kind", "chunk").endMetadata().withType("lockstep.dev/state")
                    .addToData("blob", "AA==").build()).create();
            long before = s.requestCounts().getOrDefault("GET /api/v1/namespaces/{ns}/secrets", 0L);
            Map<String, byte[]> metas = s.listBlobs("meta.");
            assertEquals(130, metas.size());
            assertArrayEquals("42".getBytes(StandardCharsets.UTF_8), metas.get("meta.42.x"));
            assertEquals(2, s.requestCounts().get("GET /api/v1/namespaces/{ns}/secrets") - before,
                    "130 blobs in pages of " + KubernetesStore.LIST_PAGE);
            assertEquals(41, s.listBlobs("meta.1").size(), "meta.1, meta.10-19, meta.100-129");
            assertEquals(java.util.Set.of("meta.12.x"), s.listBlobs("meta.12.").keySet());
        }
    }

    @Test
    void foreignObjectsAndAMissingNamespaceAreNamed() throws Exception {
        kubectl.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                .withName("lockstep-state-taken").endMetadata().addToData("serial", "MQ==").build()).create();
        try (KubernetesStore s = Backends.open(k8s, "secret_suffix = \"taken\"", Backends.FAST)) {
            StateException e = assertThrows(StateException.class, s::readPointer);
            assertTrue(e.getMessage().contains("was not written by lockstep"), e.getMessage());
        }
        StateException missing = assertThrows(StateException.class,
                () -> Backends.open(k8s, "secret_suffix = \"p\"\nnamespace = \"ghost\"", Backends.FAST));
        assertTrue(missing.getMessage().contains("namespace \"ghost\" does not exist"), missing.getMessage());

        kubectl.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("brief").endMetadata().build())
                .create();
        try (KubernetesStore s = Backends.open(k8s, "secret_suffix = \"p\"\nnamespace = \"brief\"", Backends.FAST)) {
            kubectl.namespaces().withName("brief").delete();
            byte[] content = "canary-content-7f3a".getBytes(StandardCharsets.UTF_8);
            StateException gone = assertThrows(StateException.class, () -> s.createBlob("meta.1.a", content));
            assertTrue(gone.getMessage().contains("namespace \"brief\" does not exist"), gone.getMessage());
            assertFalse(gone.getMessage().contains("canary") || gone.getMessage()
                    .contains(Base64.getEncoder().encodeToString(content)), "no blob content in messages");
        }
    }

    @Test
    void forbiddenNamesTheMissingVerbAndTheRbacDoc() throws Exception {
        try (MockCluster cluster = new MockCluster()) {
            cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default")
                    .endMetadata().build()).create();
            cluster.server.expect().post().withPath("/api/v1/namespaces/default/secrets").andReturn(403,
                    new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403).withMessage(
                            "secrets is forbidden: User \"drift\" cannot create resource \"secrets\" in API group \"\" "
                            + "in the namespace \"default\"").build()).always();
            cluster.server.expect().put().withPath("/apis/coordination.k8s.io/v1/namespaces/default/leases/lockstep-lock-p")
                    .andReturn(403, new StatusBuilder().withReason("Forbidden").withCode(403).withMessage("no").build())
                    .always();
            BackendConfig cfg = new BackendConfig(Backends.settings("secret_suffix = \"p\""), Map.of(), dir,
                    Map.of("host", cluster.url()), ProviderLog.NONE);
            try (KubernetesStore s = (KubernetesStore) new KubernetesBackendFactory().open(cfg, dir, Backends.FAST)) {
                StateException e = assertThrows(StateException.class, () -> s.createBlob("meta.1.a", new byte[] {1}));
                assertTrue(e.getMessage().contains("need the verb \"create\" on \"secrets\" (apiGroup \"\") in namespace "
                        + "default"), e.getMessage());
                assertTrue(e.getMessage().contains("docs/backend-kubernetes.md"), e.getMessage());
                StateException l = assertThrows(StateException.class, () -> s.lease().write(new LeaseRecord(
                        new LockInfo("i", "w", "apply", Instant.EPOCH, "/", "0", 1, Instant.EPOCH), Duration.ofSeconds(5),
                        Instant.EPOCH, Instant.EPOCH, null), "12"));
                assertTrue(l.getMessage().contains("the verb \"update\" on \"leases\" (apiGroup \"coordination.k8s.io\")"),
                        l.getMessage());
            }
        }
    }
}
