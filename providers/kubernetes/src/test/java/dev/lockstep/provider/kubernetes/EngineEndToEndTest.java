package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.UnmanagedLister.Severity;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.ops.Drift;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.local.LocalBackend;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider under the real engine (sessions, planner, applier, local state backend) against the
 * mock cluster in sandbox mode: a configuration mixing every type applies, plans empty afterwards,
 * detects each kind of drift, and destroys cleanly; no secret value reaches the state files.
 */
class EngineEndToEndTest {

    private static final String PASSWORD = "e2e-Pa55word-value";

    @TempDir
    Path dir;

    private MockCluster cluster;

    @BeforeEach
    void start() throws IOException {
        cluster = new MockCluster();
        Files.writeString(dir.resolve("main.hcl"), CONFIG.replace("PASSWORD", PASSWORD));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Session open(String op) throws Exception {
        Session.Opened o = Session.open(new Session.Request(dir, Schemas.discover(),
                settings -> new LocalBackend(dir.resolve(".lockstep")), VariableValues.Sources.none(), Map.of(),
                provider -> provider.equals("kubernetes") ? Map.of("host", cluster.url()) : Map.of(), ProviderLog.NONE,
                op, true, Duration.ofSeconds(5)));
        assertNotNull(o.session(), () -> o.diagnostics().toString());
        return o.session();
    }

    private Planner.Result plan(Session s, PlanMode mode) {
        Planner.Result r = s.plan(new PlanOptions(mode, true, List.of(), List.of(), 4));
        assertFalse(r.diagnostics().hasErrors(), () -> r.diagnostics().toString());
        return r;
    }

    private void apply(Session s, Planner.Result r) throws Exception {
        Session.Applied a = s.apply(new PlanOptions(r.plan().mode(), true, List.of(), List.of(), 4), r, 4,
                ApplyListener.NONE, new AtomicBoolean(), new SnapshotInfo(0, Instant.now(), "test", "apply", null,
                        null, "test"));
        assertFalse(a.diagnostics().hasErrors(), () -> a.diagnostics().toString());
    }

    private static Map<String, Action> actions(Planner.Result r) {
        return r.plan().changes().stream().collect(Collectors.toMap(c -> c.address().toString(), ResourceChange::action));
    }

    private static long changed(Planner.Result r) {
        return r.plan().changes().stream().filter(c -> c.action() != Action.NO_OP && c.action() != Action.READ).count();
    }

    @Test
    void applyPlanEmptyDriftAndDestroy() throws Exception {
        try (Session s = open("apply")) {
            Planner.Result r = plan(s, PlanMode.NORMAL);
            assertEquals(14, changed(r), () -> actions(r).toString());
            apply(s, r);
        }
        try (Session s = open("plan")) {
            Planner.Result r = plan(s, PlanMode.NORMAL);
            assertEquals(0, changed(r), () -> actions(r).toString());
        }
        String stateFiles;
        try (Stream<Path> files = Files.walk(dir.resolve(".lockstep"))) {
            stateFiles = files.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }).collect(Collectors.joining("\n"));
        }
        assertFalse(stateFiles.contains(PASSWORD), "secret value in the state files");
        assertFalse(stateFiles.contains(java.util.Base64.getEncoder().encodeToString(PASSWORD.getBytes(
                StandardCharsets.UTF_8))), "encoded secret value in the state files");

        // drift: a label edited, a rule added, an object deleted, a secret changed, a binding made by hand
        cluster.client.rbac().roles().inNamespace("team-e2e").withName("reader").edit(r -> {
            r.getMetadata().getLabels().put("team", "hijacked");
            return r;
        });
        cluster.client.rbac().clusterRoles().withName("e2e-viewer").edit(r -> {
            r.getRules().add(new PolicyRuleBuilder().withApiGroups("").withResources("secrets").withVerbs("get")
                    .build());
            return r;
        });
        cluster.client.configMaps().inNamespace("team-e2e").withName("settings").delete();
        cluster.client.secrets().inNamespace("team-e2e").withName("db").edit(sec -> {
            sec.getData().put("password", "aGFja2Vk");
            return sec;
        });
        cluster.client.rbac().roleBindings().inNamespace("team-e2e").resource(new RoleBindingBuilder()
                .withNewMetadata().withName("by-hand").endMetadata().withNewRoleRef("rbac.authorization.k8s.io",
                        "ClusterRole", "cluster-admin").addNewSubject().withKind("User").withName("mallory")
                .withApiGroup("rbac.authorization.k8s.io").endSubject().build()).create();

        try (Session s = open("drift")) {
            Drift.Report d = Drift.detect(s, true, 4);
            assertFalse(d.diagnostics().hasErrors(), () -> d.diagnostics().toString());
            assertTrue(d.drifted());
            Map<String, Boolean> drifted = d.changes().stream().collect(Collectors.toMap(e -> e.address().toString(),
                    e -> e.deleted()));
            assertEquals(Map.of("kubernetes_role.reader", false, "kubernetes_cluster_role.viewer", false,
                    "kubernetes_config_map.settings", true, "kubernetes_secret.db", false), drifted);
            assertEquals(1, d.unmanaged().size(), () -> d.unmanaged().toString());
            assertEquals(Severity.CRITICAL, d.unmanaged().get(0).object().severity());
            assertEquals("team-e2e/by-hand", d.unmanaged().get(0).object().identifier());
        }
        try (Session s = open("apply")) {
            Planner.Result r = plan(s, PlanMode.NORMAL);
            Map<String, Action> a = actions(r);
            assertEquals(Action.UPDATE, a.get("kubernetes_role.reader"));
            assertEquals(Action.UPDATE, a.get("kubernetes_cluster_role.viewer"));
            assertEquals(Action.CREATE, a.get("kubernetes_config_map.settings"));
            assertEquals(Action.UPDATE, a.get("kubernetes_secret.db"));
            assertEquals(4, changed(r), a::toString);
            apply(s, r);
        }
        try (Session s = open("plan")) {
            assertEquals(0, changed(plan(s, PlanMode.NORMAL)));
            Map<String, Long> counts = s.providers().requestCounts().get("kubernetes");
            assertTrue(counts.keySet().stream().noneMatch(k -> k.startsWith("PATCH") || k.startsWith("POST")),
                    counts::toString);
        }
        assertEquals("e2e", cluster.client.rbac().roles().inNamespace("team-e2e").withName("reader").get()
                .getMetadata().getLabels().get("team"));

        try (Session s = open("destroy")) {
            Planner.Result r = plan(s, PlanMode.DESTROY);
            assertEquals(14, r.plan().changes().stream().filter(c -> c.action() == Action.DELETE).count());
            apply(s, r);
        }
        assertNull(cluster.client.namespaces().withName("team-e2e").get());
        assertNull(cluster.client.rbac().clusterRoles().withName("e2e-viewer").get());
        assertTrue(cluster.client.rbac().roles().inNamespace("team-e2e").list().getItems().isEmpty());
        try (Session s = open("plan")) {
            assertEquals(14, changed(plan(s, PlanMode.NORMAL)), "everything is planned anew");
        }
    }

    @Test
    void importThenPlanIsEmpty() throws Exception {
        try (Session s = open("apply")) {
            apply(s, plan(s, PlanMode.NORMAL));
        }
        Files.delete(dir.resolve(".lockstep").resolve("state.json"));
        try (Stream<Path> snaps = Files.list(dir.resolve(".lockstep"))) {
            for (Path p : snaps.toList()) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
                    }
                } else if (!p.getFileName().toString().startsWith("lock")) {
                    Files.deleteIfExists(p);
                }
            }
        }
        try (Session s = open("import")) {
            Session.Applied a = s.importInstance(ResourceAddress.parse("kubernetes_role.reader"), "team-e2e/reader",
                    new SnapshotInfo(0, Instant.now(), "test", "import", null, null, "test"));
            assertFalse(a.diagnostics().hasErrors(), () -> a.diagnostics().toString());
        }
        try (Session s = open("plan")) {
            Planner.Result r = plan(s, PlanMode.NORMAL);
            assertEquals(Action.NO_OP, actions(r).get("kubernetes_role.reader"), () -> actions(r).toString());
        }
    }

    static final String CONFIG = """
            variable "db_password" {
              type      = string
              default   = "PASSWORD"
              sensitive = true
            }

            provider "kubernetes" {
              retry_interval = "20ms"
              delete_timeout = "5s"
            }

            resource "kubernetes_namespace" "team" {
              metadata {
                name   = "team-e2e"
                labels = { team = "e2e" }
              }
            }

            resource "kubernetes_service_account" "bot" {
              metadata {
                name      = "bot"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
            }

            resource "kubernetes_role" "reader" {
              metadata {
                name      = "reader"
                namespace = kubernetes_namespace.team.metadata[0].name
                labels    = { team = "e2e" }
              }
              rule {
                api_groups = [""]
                resources  = ["pods"]
                verbs      = ["get", "list"]
              }
            }

            resource "kubernetes_role_binding" "readers" {
              metadata {
                name      = "readers"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              role_ref {
                api_group = "rbac.authorization.k8s.io"
                kind      = "Role"
                name      = kubernetes_role.reader.metadata[0].name
              }
              subject {
                kind = "Group"
                name = "data-eng"
              }
              subject {
                kind      = "ServiceAccount"
                name      = kubernetes_service_account.bot.metadata[0].name
                namespace = kubernetes_namespace.team.metadata[0].name
              }
            }

            resource "kubernetes_cluster_role" "viewer" {
              metadata {
                name = "e2e-viewer"
              }
              rule {
                api_groups = [""]
                resources  = ["namespaces"]
                verbs      = ["get"]
              }
            }

            resource "kubernetes_cluster_role_binding" "viewers" {
              metadata {
                name = "e2e-viewers"
              }
              role_ref {
                api_group = "rbac.authorization.k8s.io"
                kind      = "ClusterRole"
                name      = kubernetes_cluster_role.viewer.metadata[0].name
              }
              subject {
                kind = "Group"
                name = "data-eng"
              }
            }

            resource "kubernetes_network_policy" "deny" {
              metadata {
                name      = "default-deny"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              spec {
                pod_selector {}
                policy_types = ["Ingress", "Egress"]
              }
            }

            resource "kubernetes_ingress_v1" "api" {
              metadata {
                name      = "api"
                namespace = kubernetes_namespace.team.metadata[0].name
                annotations = { "nginx.ingress.kubernetes.io/ssl-redirect" = "true" }
              }
              spec {
                ingress_class_name = "nginx"
                rule {
                  host = "api.e2e.example.com"
                  http {
                    path {
                      path      = "/"
                      path_type = "Prefix"
                      backend {
                        service {
                          name = "api"
                          port {
                            number = 80
                          }
                        }
                      }
                    }
                  }
                }
                tls {
                  hosts       = ["api.e2e.example.com"]
                  secret_name = "api-tls"
                }
              }
            }

            resource "kubernetes_secret" "db" {
              metadata {
                name      = "db"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              data = {
                password = var.db_password
              }
            }

            resource "kubernetes_config_map" "settings" {
              metadata {
                name      = "settings"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              data = {
                mode = "fast"
              }
            }

            resource "kubernetes_resource_quota" "quota" {
              metadata {
                name      = "quota"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              spec {
                hard = { pods = 20, "requests.memory" = "2Gi" }
              }
            }

            resource "kubernetes_limit_range" "limits" {
              metadata {
                name      = "limits"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              spec {
                limit {
                  type    = "Container"
                  default = { cpu = "500m" }
                }
              }
            }

            resource "kubernetes_manifest" "extra" {
              manifest = {
                apiVersion = "v1"
                kind       = "ConfigMap"
                metadata = {
                  name      = "extra"
                  namespace = kubernetes_namespace.team.metadata[0].name
                }
                data = { owner = "data-eng" }
              }
            }

            resource "terraform_data" "marker" {
              input = kubernetes_namespace.team.metadata[0].uid
            }

            data "kubernetes_namespace" "team" {
              metadata {
                name = kubernetes_namespace.team.metadata[0].name
              }
            }

            output "namespace_uid" {
              value = data.kubernetes_namespace.team.metadata[0].uid
            }
            """;
}
