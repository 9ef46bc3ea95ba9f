package dev.lockstep.sandbox.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.http.DirectoryStateStore;
import dev.lockstep.sandbox.testing.RawHttp;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox API server driven through the real fabric8 client with the JDK HTTP client. */
class SandboxKubernetesTest {
    @TempDir
    Path dir;

    private SandboxKubernetes k8s;
    private KubernetesClient client;

    private SandboxKubernetes open() {
        SandboxKubernetes s = new SandboxKubernetes(SandboxKubernetes.Options.defaults()
                .withStore(new DirectoryStateStore(dir, "kubernetes"))
                .withKubeconfig(dir.resolve("kubeconfig")));
        s.start();
        return s;
    }

    static KubernetesClient client(Path kubeconfig) throws Exception {
        Config cfg = Config.fromKubeconfig(Files.readString(kubeconfig));
        cfg.setRequestRetryBackoffLimit(3);
        cfg.setRequestRetryBackoffInterval(10);
        return new KubernetesClientBuilder().withConfig(cfg).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    @BeforeEach
    void start() throws Exception {
        k8s = open();
        client = client(dir.resolve("kubeconfig"));
    }

    @AfterEach
    void stop() {
        client.close();
        k8s.stop();
    }

    private void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("app.kubernetes.io/managed-by", "lockstep").endMetadata().build()).create();
    }

    @Test
    void namespacesRolesBindingsAndSecrets() {
        assertNotNull(client.namespaces().withName("default").get(), "a new sandbox has the default namespaces");
        namespace("team-a");
        Namespace ns = client.namespaces().withName("team-a").get();
        assertEquals("team-a", ns.getMetadata().getLabels().get("kubernetes.io/metadata.name"));
        assertEquals("Active", ns.getStatus().getPhase());

        Role role = client.rbac().roles().inNamespace("team-a").resource(new RoleBuilder().withNewMetadata().withName("reader")
                .addToLabels("app.kubernetes.io/managed-by", "lockstep").endMetadata()
                .addNewRule().withApiGroups("").withResources("pods").withVerbs("get", "list").endRule().build()).create();
        assertEquals("1", String.valueOf(role.getMetadata().getGeneration()));
        client.rbac().roleBindings().inNamespace("team-a").resource(new RoleBindingBuilder().withNewMetadata()
                .withName("readers").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("reader").endRoleRef()
                .addNewSubject().withKind("Group").withName("team-a-devs").withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        RoleBinding rb = client.rbac().roleBindings().inNamespace("team-a").withName("readers").get();
        assertEquals("team-a-devs", rb.getSubjects().get(0).getName());

        Secret s = client.secrets().inNamespace("team-a").resource(new SecretBuilder().withNewMetadata().withName("db")
                .endMetadata().addToStringData("password", "hunter2").build()).create();
        assertEquals("Opaque", s.getType());
        assertFalse(RawHttp.send("GET", URI.create(k8s.baseUri() + "/api/v1/namespaces/team-a/secrets/db"), null).body()
                .contains("stringData"), "stringData is folded into data, as the API server does");
        assertEquals(Base64.getEncoder().encodeToString("hunter2".getBytes(StandardCharsets.UTF_8)), s.getData().get("password"));

        Secret patched = client.secrets().inNamespace("team-a").withName("db")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"tier\":\"db\"}},\"stringData\":{\"user\":\"app\"}}");
        assertEquals("db", patched.getMetadata().getLabels().get("tier"));
        assertEquals(2, patched.getData().size());
        assertFalse(patched.getMetadata().getResourceVersion().equals(s.getMetadata().getResourceVersion()));

        assertTrue(client.rbac().roles().inNamespace("team-a").withName("reader").delete().size() == 1);
        assertNull(client.rbac().roles().inNamespace("team-a").withName("reader").get());
        assertEquals(1, k8s.requestLog().snapshot().count("POST /apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/roles"));
        assertEquals(1, k8s.requestLog().snapshot().count("PATCH /api/v1/namespaces/{namespace}/secrets/{name}"));
    }

    @Test
    void mergePatchesReplaceListsAndRemoveNullKeys() throws Exception {
        namespace("mp");
        client.rbac().roles().inNamespace("mp").resource(new RoleBuilder().withNewMetadata().withName("dev")
                .addToLabels("a", "1").addToLabels("b", "2").endMetadata()
                .addNewRule().withApiGroups("").withResources("pods").withVerbs("get").endRule()
                .addNewRule().withApiGroups("apps").withResources("deployments").withVerbs("get").endRule().build()).create();

        // RFC 7386, as the API server does it: a list in the patch replaces the list, null removes a key
        var r = RawHttp.send("PATCH", URI.create(k8s.baseUri() + "/apis/rbac.authorization.k8s.io/v1/namespaces/mp/roles/dev"),
                "{\"metadata\":{\"labels\":{\"a\":null}},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"secrets\"],"
                        + "\"verbs\":[\"list\"]}]}",
                "Content-Type", "application/merge-patch+json");
        assertEquals(200, r.status(), r.body());
        Role role = client.rbac().roles().inNamespace("mp").withName("dev").get();
        assertEquals(1, role.getRules().size(), "the patch's list replaces the stored one");
        assertEquals(List.of("secrets"), role.getRules().get(0).getResources());
        assertEquals(Map.of("b", "2"), role.getMetadata().getLabels());
        assertEquals(2L, role.getMetadata().getGeneration());

        // the same through fabric8, and a patch of a missing object
        client.rbac().roles().inNamespace("mp").withName("dev").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"rules\":[]}");
        assertTrue(client.rbac().roles().inNamespace("mp").withName("dev").get().getRules().isEmpty());
        var jsonPatch = RawHttp.send("PATCH", URI.create(k8s.baseUri() + "/apis/rbac.authorization.k8s.io/v1/namespaces/mp/roles/dev"),
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/c\",\"value\":\"3\"}]", "Content-Type", "application/json-patch+json");
        assertEquals(200, jsonPatch.status(), "200 OK, as the API server answers a patch: " + jsonPatch.body());
        var missing = RawHttp.send("PATCH", URI.create(k8s.baseUri() + "/apis/rbac.authorization.k8s.io/v1/namespaces/mp/roles/x"),
                "{\"rules\":[]}", "Content-Type", "application/merge-patch+json");
        assertEquals(404, missing.status());
        assertEquals("NotFound", missing.json().path("reason").asText());
    }

    @Test
    void labelSelectorsIncludingSetBasedOnes() {
        namespace("sel");
        for (String[] spec : new String[][] {{"a", "dev"}, {"b", "prod"}, {"c", "staging"}}) {
            client.configMaps().inNamespace("sel").resource(new ConfigMapBuilder().withNewMetadata().withName(spec[0])
                    .addToLabels("env", spec[1]).addToLabels("app.kubernetes.io/managed-by", "lockstep").endMetadata().build()).create();
        }
        client.configMaps().inNamespace("sel").resource(new ConfigMapBuilder().withNewMetadata().withName("d").endMetadata().build())
                .create();
        assertEquals(List.of("a", "b", "c"), names(client.configMaps().inNamespace("sel")
                .withLabel("app.kubernetes.io/managed-by", "lockstep").list().getItems()));
        assertEquals(List.of("a", "c"), names(client.configMaps().inNamespace("sel").withLabelIn("env", "dev", "staging").list().getItems()));
        assertEquals(List.of("b", "d"), names(client.configMaps().inNamespace("sel").withLabelNotIn("env", "dev", "staging").list().getItems()),
                "notin also matches objects without the label");
        assertEquals(List.of("d"), names(client.configMaps().inNamespace("sel").withoutLabel("env").list().getItems()));
        assertEquals(List.of("a", "c", "d"), names(client.configMaps().inNamespace("sel").withoutLabel("env", "prod").list().getItems()));
        var bad = RawHttp.send("GET", URI.create(k8s.baseUri() + "/api/v1/namespaces/sel/configmaps?labelSelector=env%20in%20dev"), null);
        assertEquals(400, bad.status());
        assertEquals("BadRequest", bad.json().path("reason").asText());
    }

    private static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).toList();
    }

    @Test
    void limitAndContinuePageInNameOrder() {
        namespace("paged");
        for (String n : List.of("e", "b", "d", "a", "c")) {
            client.secrets().inNamespace("paged").resource(new SecretBuilder().withNewMetadata().withName(n).endMetadata().build()).create();
        }
        List<String> seen = new ArrayList<>();
        String cont = null;
        int pages = 0;
        do {
            SecretList page = client.secrets().inNamespace("paged").list(new ListOptionsBuilder().withLimit(2L).withContinue(cont).build());
            seen.addAll(names(page.getItems()));
            cont = page.getMetadata().getContinue();
            if (pages == 0) {
                assertEquals(3L, page.getMetadata().getRemainingItemCount());
            }
            pages++;
        } while (cont != null && !cont.isEmpty());
        assertEquals(List.of("a", "b", "c", "d", "e"), seen);
        assertEquals(3, pages);
    }

    @Test
    void staleResourceVersionIsAConflict() {
        namespace("occ");
        Secret created = client.secrets().inNamespace("occ").resource(new SecretBuilder().withNewMetadata().withName("s")
                .endMetadata().addToData("k", "djE=").build()).create();
        String rv = created.getMetadata().getResourceVersion();
        client.secrets().inNamespace("occ").withName("s").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"djI=\"}}");

        Secret stale = new SecretBuilder(created).addToData("k", "djM=").build();
        KubernetesClientException put = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace("occ").resource(stale).update());
        assertEquals(409, put.getCode());
        KubernetesClientException merge = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace("occ").withName("s").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"resourceVersion\":\"" + rv + "\"},\"data\":{\"k\":\"djM=\"}}"));
        assertEquals(409, merge.getCode());
        assertEquals("djI=", client.secrets().inNamespace("occ").withName("s").get().getData().get("k"));

        var refused = RawHttp.send("DELETE", URI.create(k8s.baseUri() + "/api/v1/namespaces/occ/secrets/s"),
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"resourceVersion\":\"" + rv + "\"}}",
                "Content-Type", "application/json");
        assertEquals(409, refused.status());
        assertEquals("Conflict", refused.json().path("reason").asText());
        assertNotNull(client.secrets().inNamespace("occ").withName("s").get());

        var ssa = RawHttp.send("PATCH", URI.create(k8s.baseUri() + "/api/v1/namespaces/occ/secrets/s?fieldManager=x"),
                "{}", "Content-Type", "application/apply-patch+yaml");
        assertEquals(415, ssa.status(), "no server-side apply");
    }

    @Test
    void namespacesMustExistAndTheirDeletionCascades() {
        KubernetesClientException missing = assertThrows(KubernetesClientException.class, () -> client.secrets().inNamespace("ghost")
                .resource(new SecretBuilder().withNewMetadata().withName("s").endMetadata().build()).create());
        assertEquals(404, missing.getCode());
        namespace("doomed");
        client.secrets().inNamespace("doomed").resource(new SecretBuilder().withNewMetadata().withName("s").endMetadata().build()).create();
        client.namespaces().withName("doomed").delete();
        assertNull(client.namespaces().withName("doomed").get());
        assertTrue(client.secrets().inAnyNamespace().list().getItems().stream()
                .noneMatch(s -> s.getMetadata().getNamespace().equals("doomed")));
        var notFound = RawHttp.send("GET", URI.create(k8s.baseUri() + "/api/v1/namespaces/doomed/secrets/s"), null);
        assertEquals(404, notFound.status());
        assertEquals("NotFound", notFound.json().path("reason").asText());
        assertEquals("secrets \"s\" not found", notFound.json().path("message").asText());
    }

    private static CustomResourceDefinition widgetCrd() {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName("widgets.example.com").endMetadata()
                .withNewSpec().withGroup("example.com").withScope("Namespaced")
                .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").withListKind("WidgetList").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build();
    }

    private static GenericKubernetesResource widget(String name, String size) {
        return new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                .withNewMetadata().withName(name).addToLabels("size", size).endMetadata()
                .addToAdditionalProperties("spec", Map.of("size", size)).build();
    }

    @Test
    void customResourcesAndPersistenceAcrossRestarts() throws Exception {
        namespace("crd");
        client.apiextensions().v1().customResourceDefinitions().resource(widgetCrd()).create();
        var widgets = client.genericKubernetesResources("example.com/v1", "Widget");
        widgets.inNamespace("crd").resource(widget("w1", "small")).create();
        widgets.inNamespace("crd").resource(widget("w2", "large")).create();
        assertEquals(List.of("w2"), names(widgets.inNamespace("crd").withLabel("size", "large").list().getItems()));
        String maxRv = widgets.inNamespace("crd").withName("w2").get().getMetadata().getResourceVersion();
        assertTrue(Files.readString(dir.resolve("kubernetes.json")).contains("\"w2\""), "saved after each mutation");

        client.close();
        k8s.stop();
        k8s = open();
        client = client(dir.resolve("kubeconfig"));
        var again = client.genericKubernetesResources("example.com/v1", "Widget");
        GenericKubernetesResource w1 = again.inNamespace("crd").withName("w1").get();
        assertEquals(Map.of("size", "small"), w1.getAdditionalProperties().get("spec"));
        assertEquals(List.of("w2"), names(again.inNamespace("crd").withLabel("size", "large").list().getItems()));
        assertNotNull(client.namespaces().withName("crd").get());
        Secret later = client.secrets().inNamespace("crd").resource(new SecretBuilder().withNewMetadata().withName("later")
                .endMetadata().build()).create();
        assertTrue(Long.parseLong(later.getMetadata().getResourceVersion()) > Long.parseLong(maxRv),
                "resourceVersions continue after a restart");
        again.inNamespace("crd").withName("w1").delete();
        assertNull(again.inNamespace("crd").withName("w1").get());
        try (var tmp = Files.list(dir)) {
            assertEquals(List.of("kubeconfig", "kubernetes.json"), tmp.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void reloadedUidsAndResourceVersionsAreNotHandedOutAgain() throws Exception {
        client.close();
        k8s.stop();
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        long high = 100_000L;
        String saved = "{\"version\":1,\"resourceVersion\":900,\"objects\":[{\"path\":\"/api/v1/namespaces\",\"object\":"
                + "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"old\",\"resourceVersion\":\"900\","
                + "\"uid\":\"" + new java.util.UUID(0, high) + "\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"}}}]}";
        Files.writeString(other.resolve("kubernetes.json"), saved);
        k8s = new SandboxKubernetes(SandboxKubernetes.Options.defaults().withStore(new DirectoryStateStore(other, "kubernetes"))
                .withKubeconfig(dir.resolve("kubeconfig")));
        k8s.start();
        client = client(dir.resolve("kubeconfig"));
        assertNull(client.namespaces().withName("default").get(), "a saved state is loaded as is");
        namespace("new");
        Namespace created = client.namespaces().withName("new").get();
        assertTrue(java.util.UUID.fromString(created.getMetadata().getUid()).getLeastSignificantBits() > high);
        assertTrue(Long.parseLong(created.getMetadata().getResourceVersion()) > 900);
    }

    @Test
    void latencyFaultsAndCounters() {
        namespace("faults");
        client.secrets().inNamespace("faults").resource(new SecretBuilder().withNewMetadata().withName("s").endMetadata().build()).create();
        k8s.requestLog().reset();
        k8s.faults().latency(Duration.ofMillis(200));
        long t0 = System.nanoTime();
        client.secrets().inNamespace("faults").withName("s").get();
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(200).toNanos());
        k8s.faults().reset().retryAfterSeconds(0).tooManyRequestsBurst(2);
        assertNotNull(client.secrets().inNamespace("faults").withName("s").get(), "the client retries 429");
        var log = k8s.requestLog().snapshot();
        assertEquals(4, log.count("GET /api/v1/namespaces/{namespace}/secrets/{name}"));
        assertEquals(2, log.count("GET /api/v1/namespaces/{namespace}/secrets/{name}", 429));

        k8s.faults().reset().serverErrorRate(1.0, 1);
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace("faults").withName("s").get());
        assertTrue(e.getCode() == 500 || e.getCode() == 503, String.valueOf(e.getCode()));
        k8s.faults().reset();
        var raw = RawHttp.send("GET", URI.create(k8s.baseUri() + "/api/v1/namespaces/default"), null);
        assertEquals(200, raw.status());
        assertEquals("application/json", raw.header("Content-Type"));
    }

    @Test
    void watchesPassThroughTheDispatcher() throws Exception {
        namespace("watched");
        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
        try (var w = client.secrets().inNamespace("watched").watch(new io.fabric8.kubernetes.client.Watcher<Secret>() {
            @Override
            public void eventReceived(Action action, Secret resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                // closed by the test
            }
        })) {
            client.secrets().inNamespace("watched").resource(new SecretBuilder().withNewMetadata().withName("w").endMetadata().build())
                    .create();
            assertEquals("ADDED w", events.poll(5, java.util.concurrent.TimeUnit.SECONDS));
            client.namespaces().withName("watched").delete();
            assertEquals("DELETED w", events.poll(5, java.util.concurrent.TimeUnit.SECONDS), "namespace deletion cascades to watchers");
        }
        assertEquals(1, k8s.requestLog().snapshot().count("GET /api/v1/namespaces/{namespace}/secrets (watch)"));
    }

    @Test
    void seedingHelperAppliesTheSameRules() {
        k8s.create("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"seeded\"}}");
        k8s.create("/api/v1/namespaces/seeded/secrets",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},\"stringData\":{\"k\":\"v\"}}");
        assertEquals("dg==", client.secrets().inNamespace("seeded").withName("s").get().getData().get("k"));
        assertThrows(IllegalArgumentException.class, () -> k8s.create("/api/v1/namespaces/nope/secrets",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"}}"));
        assertEquals(0, k8s.requestLog().snapshot().count("POST /api/v1/namespaces/{namespace}/secrets"));
    }
}
