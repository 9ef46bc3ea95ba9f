package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets on the sandbox through the real providers: one Vault value fans out to a Kubernetes
 * Secret and a Databricks secret (a change in Vault updates both and nothing else), and a token
 * past its rotate_after is replaced create-first: new token, consumer updated, old token revoked.
 */
class SecretsFlowTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            variable "rotate" {
              default = "30d"
            }
            data "vault_kv_secret" "db" {
              path = "team/db"
            }
            resource "kubernetes_namespace" "team" {
              metadata {
                name = "team-secrets"
              }
            }
            resource "kubernetes_secret" "db" {
              metadata {
                name      = "db"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              data = {
                password = data.vault_kv_secret.db.data["password"]
              }
            }
            resource "databricks_secret_scope" "team" {
              name = "team"
            }
            resource "databricks_secret" "db" {
              scope        = databricks_secret_scope.team.name
              key          = "db-password"
              string_value = data.vault_kv_secret.db.data["password"]
            }
            resource "databricks_token" "ci" {
              comment          = "ci"
              lifetime_seconds = 86400
              rotate_after     = var.rotate
            }
            resource "kubernetes_secret" "token" {
              metadata {
                name      = "databricks-token"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              data = {
                token = databricks_token.ci.token_value
              }
            }
            """;

    private CliTest.Run run(String... args) {
        return CliTest.onSandbox(dir, args);
    }

    private Map<String, String> changes(CliTest.Run plan) {
        Map<String, String> out = new TreeMap<>();
        for (String line : plan.out().split("\n")) {
            String t = line.trim();
            if (t.startsWith("# ") && (t.contains(" will be ") || t.contains(" must be "))) {
                String[] w = t.substring(2).split(" ", 2);
                out.put(w[0], w[1]);
            }
        }
        return out;
    }

    @Test
    void fanOutAndRotation() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        assertEquals(0, run("sandbox", "put-secret", "vault", "secret/team/db", "password=first-value").code());
        CliTest.Run apply = run("apply", "--auto-approve");
        assertEquals(0, apply.code(), apply.out() + apply.err());
        assertEquals(0, run("plan", "--detailed-exitcode").code(), "nothing to do after apply");

        // one change in Vault: both consumers, and nothing else
        assertEquals(0, run("sandbox", "put-secret", "vault", "secret/team/db", "password=second-value").code());
        CliTest.Run plan = run("plan", "--detailed-exitcode");
        assertEquals(2, plan.code(), plan.out() + plan.err());
        assertEquals(Map.of("databricks_secret.db", "will be updated in-place", "kubernetes_secret.db",
                "will be updated in-place"), changes(plan), plan.out());
        assertEquals(0, run("apply", "--auto-approve").code());
        assertEquals(0, run("plan", "--detailed-exitcode").code());

        // a saved plan is refused when a secret source changed since the plan was made
        Path saved = dir.resolve("saved.plan");
        assertEquals(0, run("sandbox", "put-secret", "vault", "secret/team/db", "password=third-value").code());
        assertEquals(0, run("plan", "-o", saved.toString()).code());
        assertEquals(0, run("sandbox", "put-secret", "vault", "secret/team/db", "password=fourth-value").code());
        CliTest.Run refused = run("apply", saved.toString());
        assertEquals(5, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("Planning again gives a different change"), refused.err());
        assertEquals(0, run("apply", "--auto-approve").code());

        // rotation: the token is older than rotate_after
        Thread.sleep(1100);
        CliTest.Run rotate = run("apply", "--auto-approve", "--var", "rotate=1s");
        assertEquals(0, rotate.code(), rotate.out() + rotate.err());
        String out = rotate.out();
        assertTrue(out.contains("The token is older than rotate_after"), out);
        int created = out.indexOf("databricks_token.ci: Creation complete");
        int consumer = out.indexOf("kubernetes_secret.token: Modifications complete");
        int revoked = out.indexOf("databricks_token.ci: Destruction complete");
        assertTrue(created > 0 && consumer > created && revoked > consumer,
                "new token, then its consumer, then the old token revoked:\n" + out);
        assertTrue(out.contains("Resources: 1 added, 1 changed, 1 destroyed."), out);
        CliTest.Run after = run("plan", "--detailed-exitcode", "--var", "rotate=30d");
        assertEquals(2, after.code(), "only rotate_after itself changes back: " + after.out());
        assertEquals(Map.of("databricks_token.ci", "will be updated in-place"), changes(after), after.out());
    }
}
