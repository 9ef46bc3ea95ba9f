package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty canary secrets — in Vault, in Secrets Manager, in sensitive variables given four ways,
 * and a Databricks token value — flow through validate, plan, a saved plan, show, apply, drift,
 * state show, output and an apply that fails half-way with an SDK error, each a separate process
 * on the sandbox with debug logging on. Afterwards no canary may appear in any file under
 * {@code .lockstep/}, the plan file, any command's stdout or stderr, or the debug log.
 */
class CanaryTest {

    @TempDir
    Path root;

    private Path dir;
    private Path sandbox;
    private Path debugLog;
    private final List<String> outputs = new ArrayList<>();

    private static String canary(int i) {
        return "canary-" + i + "-7f3a9e" + (char) ('a' + i);
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LOCKSTEP_SANDBOX_DIR", sandbox.toString());
        env.put("LOCKSTEP_LOG_FILE", debugLog.toString());
        env.put("LOCKSTEP_VAR_from_env", canary(10));
        return env;
    }

    private ChildProcess run(int expected, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--sandbox");
        ChildProcess p = ChildProcess.start(dir, env(), all.toArray(String[]::new));
        int code = p.waitFor(120);
        outputs.add(args[0] + " " + (args.length > 1 ? args[1] : "") + "\n" + p.all());
        assertEquals(expected, code, String.join(" ", args) + ":\n" + p.all());
        return p;
    }

    private static final String CONFIG = """
            variable "plain" {
              default   = "%s"
              sensitive = true
            }
            variable "from_env" {
              sensitive = true
            }
            variable "from_cli" {
              sensitive = true
            }
            variable "from_file" {
              sensitive = true
            }
            data "vault_kv_secret" "app" {
              path = "team/app"
            }
            data "vault_kv_secret" "other" {
              path = "team/other"
            }
            data "aws_secretsmanager_secret" "db" {
              secret_id = "team/db"
            }
            data "aws_secretsmanager_secret" "json" {
              secret_id = "team/json"
            }
            resource "kubernetes_namespace" "team" {
              metadata {
                name = "canary"
              }
            }
            resource "kubernetes_secret" "all" {
              metadata {
                name      = "all"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              data = merge(data.vault_kv_secret.app.data, data.vault_kv_secret.other.data, {
                db    = data.aws_secretsmanager_secret.db.secret_string
                plain = var.plain
                env   = var.from_env
                cli   = var.from_cli
                file  = var.from_file
              }, data.aws_secretsmanager_secret.json.secret_json)
            }
            resource "databricks_secret_scope" "team" {
              name = "canary"
            }
            resource "databricks_secret" "vault" {
              for_each     = toset(["password", "api_key", "cert"])
              scope        = databricks_secret_scope.team.name
              key          = each.key
              string_value = data.vault_kv_secret.app.data[each.key]
            }
            resource "databricks_token" "ci" {
              comment          = "canary"
              lifetime_seconds = 3600
            }
            resource "kubernetes_secret" "token" {
              metadata {
                name      = "token"
                namespace = kubernetes_namespace.team.metadata[0].name
              }
              data = {
                token = databricks_token.ci.token_value
              }
            }
            output "db" {
              value     = data.aws_secretsmanager_secret.db.secret_string
              sensitive = true
            }
            """;

    @Test
    void noCanaryLeavesTheSecretSystems() throws Exception {
        dir = Files.createDirectories(root.resolve("config"));
        sandbox = root.resolve("sandbox");
        debugLog = root.resolve("debug.log");
        Files.writeString(dir.resolve("main.hcl"), CONFIG.formatted(canary(9)));
        Files.writeString(dir.resolve("secret.vars.hcl"), "from_file = \"" + canary(12) + "\"\n");
        run(0, "sandbox", "put-secret", "vault", "secret/team/app", "password=" + canary(1), "api_key=" + canary(2),
                "cert=" + canary(3), "extra=" + canary(13));
        run(0, "sandbox", "put-secret", "vault", "secret/team/other", "token=" + canary(4), "hook=" + canary(14),
                "salt=" + canary(15));
        run(0, "sandbox", "put-secret", "aws", "team/db", canary(5));
        run(0, "sandbox", "put-secret", "aws", "team/json", "{\"user\":\"" + canary(6) + "\",\"pass\":\"" + canary(7)
                + "\",\"k3\":\"" + canary(16) + "\",\"k4\":\"" + canary(17) + "\",\"k5\":\"" + canary(18) + "\"}");
        String[] vars = {"--var", "from_cli=" + canary(11), "--var-file", "secret.vars.hcl"};

        run(0, concat("validate", vars));
        run(0, concat("plan", vars));
        Path plan = root.resolve("canary.plan");
        run(0, concat("plan", concat("-o", concat(plan.toString(), vars))));
        run(0, "show", plan.toString());
        run(0, concat("apply", concat(plan.toString(), vars)));
        run(0, concat("drift", vars));
        run(0, "state", "show");
        run(0, "state", "list");
        run(0, "output");
        run(0, "output", "db");

        // an apply that fails half-way with an SDK error: a secret into a scope that does not exist
        Files.writeString(dir.resolve("broken.hcl"), """
                resource "databricks_secret" "broken" {
                  scope        = "no-such-scope"
                  key          = "k"
                  string_value = "%s"
                }
                """.formatted(canary(8)));
        run(1, concat("apply", concat("--auto-approve", vars)));

        List<String> canaries = new ArrayList<>();
        for (int i = 1; i <= 18; i++) {
            canaries.add(canary(i));
        }
        // the token's value exists only in the systems: read it back from the sandbox's Kubernetes data
        String token = tokenFromSandbox();
        canaries.add(token);
        canaries.add(Base64.getEncoder().encodeToString(canary(1).getBytes(StandardCharsets.UTF_8)));
        assertEquals(20, canaries.size());

        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir.resolve(".lockstep"))) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        files.add(plan);
        files.add(debugLog);
        assertTrue(Files.size(debugLog) > 0, "the debug log was written");
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            for (String c : canaries) {
                int at = text.indexOf(c);
                assertTrue(at < 0, () -> "canary " + c + " found in " + f + ": ..."
                        + text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100)));
            }
        }
        for (String out : outputs) {
            for (String c : canaries) {
                String body = out.substring(out.indexOf('\n') + 1);
                assertTrue(!body.contains(c), "canary " + c + " found in output of " + out.lines().findFirst()
                        .orElse(""));
            }
        }
        // and the secrets did reach the systems
        String k8s = Files.readString(sandbox.resolve("kubernetes.json"));
        assertTrue(k8s.contains(Base64.getEncoder().encodeToString(canary(5).getBytes(StandardCharsets.UTF_8))));
    }

    private String tokenFromSandbox() throws Exception {
        JsonNode k8s = new ObjectMapper().readTree(sandbox.resolve("kubernetes.json").toFile());
        List<String> found = new ArrayList<>();
        k8s.findValues("data").forEach(d -> {
            if (d.has("token") && d.size() == 1) {
                found.add(new String(Base64.getDecoder().decode(d.get("token").asText()), StandardCharsets.UTF_8));
            }
        });
        assertEquals(1, found.size(), "the token's consumer secret is in the sandbox: " + found);
        assertTrue(found.get(0).length() > 10, "a real token value");
        return found.get(0);
    }

    private static String[] concat(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
