package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in rules through the real Kubernetes provider on the sandbox: an Ingress without TLS
 * blocks plan and apply (exit 3) and nothing reaches the cluster; made advisory, it applies; then
 * drift checks the live objects (exit 3 once the rule is mandatory again) and, with --unmanaged, a
 * RoleBinding to cluster-admin made by hand.
 */
class PolicySandboxTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            resource "kubernetes_namespace_v1" "web" {
              metadata {
                name = "web"
              }
            }
            resource "kubernetes_ingress_v1" "web" {
              metadata {
                name      = "web"
                namespace = kubernetes_namespace_v1.web.metadata[0].name
              }
              spec {
                rule {
                  host = "app.example.com"
                  http {
                    path {
                      path = "/"
                      backend {
                        service {
                          name = "web"
                          port {
                            number = 80
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
            """;

    private CliTest.Run run(String... args) {
        return CliTest.onSandbox(dir, args);
    }

    @Test
    void anIngressWithoutTlsIsBlockedUntilMadeAdvisoryAndDriftChecksTheLiveObjects() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        CliTest.Run plan = run("plan", "--sarif", "policy.sarif");
        assertEquals(3, plan.code(), plan.out() + plan.err());
        assertTrue(plan.err().contains("Policy \"k8s-ingress-tls\" failed"), plan.err());
        assertTrue(plan.out().contains("k8s-namespace-default-deny"), "advisories are listed too: " + plan.out());
        String sarif = Files.readString(dir.resolve("policy.sarif"));
        assertTrue(sarif.contains("\"ruleId\" : \"k8s-ingress-tls\"") && sarif.contains("\"level\" : \"error\""), sarif);

        CliTest.Run apply = run("apply", "--auto-approve");
        assertEquals(3, apply.code(), apply.out() + apply.err());
        try (Sandbox s = new Sandbox(dir.resolve(".lockstep/sandbox"), 0, null); KubernetesClient k8s = kubernetes(s)) {
            assertEquals(null, k8s.namespaces().withName("web").get(), "nothing reached the cluster");
        }

        Files.writeString(dir.resolve("policy.hcl"), "policy \"k8s-ingress-tls\" {\n  enforcement = \"advisory\"\n}\n");
        CliTest.Run advisory = run("apply", "--auto-approve");
        assertEquals(0, advisory.code(), advisory.out() + advisory.err());
        assertTrue(advisory.out().contains("k8s-ingress-tls"), advisory.out());
        assertEquals(0, run("drift").code(), "advisory findings on live objects do not change drift's exit code");

        Files.delete(dir.resolve("policy.hcl"));
        CliTest.Run drift = run("drift", "--format", "json");
        assertEquals(3, drift.code(), drift.out() + drift.err());
        assertTrue(drift.out().contains("\"policy\" : \"k8s-ingress-tls\""), drift.out());
        assertTrue(drift.out().contains("\"address\" : \"kubernetes_ingress_v1.web\""), drift.out());

        try (Sandbox s = new Sandbox(dir.resolve(".lockstep/sandbox"), 0, null); KubernetesClient k8s = kubernetes(s)) {
            k8s.rbac().roleBindings().inNamespace("web").resource(new RoleBindingBuilder().withNewMetadata()
                    .withName("by-hand").withNamespace("web").endMetadata().withNewRoleRef().withApiGroup(
                            "rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin").endRoleRef()
                    .addNewSubject().withKind("User").withName("bob@example.com").withApiGroup(
                            "rbac.authorization.k8s.io").endSubject().build()).create();
        }
        Files.writeString(dir.resolve("policy.hcl"), "policy \"k8s-ingress-tls\" {\n  enforcement = \"advisory\"\n}\n");
        CliTest.Run unmanaged = run("drift", "--unmanaged");
        assertEquals(3, unmanaged.code(), unmanaged.out() + unmanaged.err());
        assertTrue(unmanaged.out().contains("k8s-privileged-binding"), unmanaged.out());
        assertTrue(unmanaged.out().contains("RoleBinding web/by-hand"), unmanaged.out());
        assertFalse(unmanaged.err().contains("Exception"), unmanaged.err());
    }

    private static KubernetesClient kubernetes(Sandbox s) throws java.io.IOException {
        s.kubernetes();
        Config cfg = Config.fromKubeconfig(Files.readString(Path.of(s.overrides("kubernetes").get("kubeconfig"))));
        return new KubernetesClientBuilder().withConfig(cfg).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }
}
