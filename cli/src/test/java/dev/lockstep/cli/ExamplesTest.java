package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every directory under {@code examples/} is a configuration that works: on a copy of it, with its
 * own sandbox (seeded from the example's {@code sandbox-seed.json}, as a user's would be), it
 * validates without a warning, plans changes, applies, and plans nothing more; then the
 * {@code sandbox put-secret} lines of its README (changes at the source) make the plan show
 * changes, and an apply converges again. The quickstart
 * runs the README's whole cycle, starting with the README's first command: apply, empty plan, changes made out of band directly in the
 * emulators (a Role given access to secrets, a grant nobody declared on the cluster), drift (exit
 * 2), apply (converges), empty plan; then the same with {@code sandbox serve} running and the Role
 * changed over HTTP at the address in the sandbox's kubeconfig, as the README does it with curl;
 * and destroy (nothing left in either system).
 */
class ExamplesTest {

    /** The examples there must be; a new directory must be added here, a missing one fails. */
    private static final Set<String> EXPECTED = Set.of("first-steps", "quickstart", "kubernetes-rbac",
            "databricks-workspace", "secrets-fanout", "ported-from-terraform", "team");

    /** {@code export LOCKSTEP_VAR_x='value'} lines of an example's README: the environment it runs in. */
    private static final Pattern EXPORT = Pattern.compile("^export (LOCKSTEP_VAR_\\w+)='([^']*)'$", Pattern.MULTILINE);

    private static final Pattern PUT_SECRET = Pattern.compile(
            "^\\./lockstep -C examples/([\\w.-]+) sandbox put-secret (.+)$", Pattern.MULTILINE);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeAll
    static void ownSandboxDirectories() {
        assumeTrue(System.getenv("LOCKSTEP_SANDBOX_DIR") == null, "LOCKSTEP_SANDBOX_DIR would make the examples "
                + "share one sandbox");
        assumeTrue(System.getenv("LOCKSTEP_SANDBOX_FAULTS") == null, "no injected faults");
    }

    static Path examplesDir() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples/quickstart"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "examples/ not found above " + System.getProperty("user.dir"));
        return p.resolve("examples");
    }

    static Stream<String> examples() throws IOException {
        try (Stream<Path> s = Files.list(examplesDir())) {
            // examples/ci holds CI recipes around a configuration (ci/infra), run by ci.CiRecipesTest
            return s.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(n -> !n.equals("ci"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void theExamplesAreTheOnesExpected() throws IOException {
        assertEquals(new TreeSet<>(EXPECTED), new TreeSet<>(examples().toList()));
        for (String name : EXPECTED) {
            Path readme = examplesDir().resolve(name).resolve("README.md");
            assertTrue(Files.isRegularFile(readme), "examples/" + name
                    + " explains itself in a README.md");
        }
    }

    /** Copies an example without any local .lockstep directory (state, sandbox data). */
    private Path copy(String name) throws IOException {
        Path from = examplesDir().resolve(name);
        Path to = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith(".lockstep")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to.resolve(rel.toString()));
                } else {
                    Files.copy(p, to.resolve(rel.toString()));
                }
            }
        }
        return to;
    }

    /** Runs the `./lockstep -C examples/NAME sandbox put-secret ...` lines of the example's README. */
    private static int putSecrets(String name, Path dir) throws IOException {
        Path readme = examplesDir().resolve(name).resolve("README.md");
        if (!Files.exists(readme)) {
            return 0;
        }
        Matcher m = PUT_SECRET.matcher(Files.readString(readme));
        int n = 0;
        while (m.find()) {
            assertEquals(name, m.group(1), "a README seeds its own example's sandbox");
            List<String> args = new ArrayList<>(List.of("-C", dir.toString(), "sandbox", "put-secret"));
            args.addAll(List.of(m.group(2).trim().split("\\s+")));
            CliTest.Run r = CliTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), "put-secret " + m.group(2) + ": " + r.err());
            n++;
        }
        return n;
    }

    /** The process environment plus the variables the example's README exports. */
    private static java.util.Map<String, String> environment(Path dir) throws IOException {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        Path readme = dir.resolve("README.md");
        if (Files.exists(readme)) {
            Matcher m = EXPORT.matcher(Files.readString(readme));
            while (m.find()) {
                env.put(m.group(1), m.group(2));
            }
        }
        return env;
    }

    private static CliTest.Run lockstep(Path dir, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "-C";
        all[1] = dir.toString();
        all[2] = "--sandbox";
        all[3] = "--no-color";
        System.arraycopy(args, 0, all, 4, args.length);
        try {
            return CliTest.run(environment(dir), all);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String both(CliTest.Run r) {
        return r.out() + "\n--- stderr ---\n" + r.err();
    }

    @ParameterizedTest(name = "examples/{0}")
    @MethodSource("examples")
    void validatesPlansAndAppliesOnItsOwnSandbox(String name) throws Exception {
        Path dir = copy(name);

        CliTest.Run validate = lockstep(dir, "validate");
        assertEquals(0, validate.code(), both(validate));
        assertEquals("", validate.err(), "no warnings");

        CliTest.Run plan = lockstep(dir, "plan", "--detailed-exitcode");
        assertEquals(2, plan.code(), both(plan));
        assertTrue(plan.out().contains(" to add, 0 to change, 0 to destroy."), plan.out());

        CliTest.Run apply = lockstep(dir, "apply", "--auto-approve");
        assertEquals(0, apply.code(), both(apply));
        CliTest.Run again = lockstep(dir, "plan", "--detailed-exitcode");
        assertEquals(0, again.code(), "nothing to do after apply:\n" + both(again));

        if (putSecrets(name, dir) > 0) {
            CliTest.Run changed = lockstep(dir, "plan", "--detailed-exitcode");
            assertEquals(2, changed.code(), "a secret changed at its source is a change:\n" + both(changed));
            assertTrue(changed.out().contains("0 to add, "), changed.out());
            assertEquals(0, lockstep(dir, "apply", "--auto-approve").code());
            assertEquals(0, lockstep(dir, "plan", "--detailed-exitcode").code());
        }
    }

    /** The README's first command is the quickstart's apply: nothing to seed or install before it. */
    @Test
    void theReadmeStartsWithTheQuickstartsApply() throws IOException {
        String readme = Files.readString(examplesDir().getParent().resolve("README.md"));
        Matcher first = Pattern.compile("(?s)```sh\n([^\n]*)\n").matcher(readme);
        assertTrue(first.find(), "the README has a sh block");
        assertEquals("./lockstep -C examples/quickstart --sandbox apply --auto-approve", first.group(1));
    }

    @Test
    void quickstartWholeCycle() throws Exception {
        Path dir = copy("quickstart");
        // the first command: the Vault secret the quickstart reads comes from its sandbox-seed.json
        Path data = dir.resolve(".lockstep/sandbox");

        CliTest.Run apply = lockstep(dir, "apply", "--auto-approve");
        assertEquals(0, apply.code(), both(apply));
        assertTrue(apply.out().contains("Apply complete! Resources: 20 added, 0 changed, 0 destroyed."), apply.out());
        assertFalse(apply.out().contains("change-me"), "the secret's value is never printed");
        assertEquals(0, lockstep(dir, "plan", "--detailed-exitcode").code(), "an empty plan after apply");
        String clusterId = lockstep(dir, "output", "--raw", "cluster_id").out().trim();
        assertTrue(clusterId.matches("[0-9a-z-]+"), clusterId);

        // out of band: the team's Role gains secrets (as the README's curl line does), and someone
        // grants everyone CAN_MANAGE on the team's cluster
        try (Sandbox s = new Sandbox(data, 0, null); KubernetesClient k8s = kubernetes(s)) {
            k8s.rbac().roles().inNamespace("team-analytics").withName("analytics-developer").patch(
                    PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/rules/0/resources/-\","
                            + "\"value\":\"secrets\"}]");
            assertTrue(roleResources(k8s).contains("secrets"));
            HttpResponse<String> grant = databricks(s, "PATCH", "/api/2.0/permissions/clusters/" + clusterId,
                    "{\"access_control_list\":[{\"group_name\":\"users\",\"permission_level\":\"CAN_MANAGE\"}]}");
            assertEquals(200, grant.statusCode(), grant.body());
        }

        CliTest.Run drift = lockstep(dir, "drift");
        // CAN_MANAGE for users breaks a mandatory built-in policy: that is exit 3, before drift's 2
        assertEquals(3, drift.code(), both(drift));
        assertTrue(drift.out().contains("databricks-users-can-manage"), drift.out());
        assertTrue(drift.out().contains("# kubernetes_role.team has changed"), drift.out());
        assertTrue(drift.out().contains("+ \"secrets\","), drift.out());
        assertTrue(drift.out().contains("# databricks_permissions.cluster has changed"), drift.out());
        assertTrue(drift.out().contains("lockstep drift: 2 changed, 0 deleted outside lockstep."), drift.out());
        CliTest.Run unmanaged = lockstep(dir, "drift", "--unmanaged");
        assertEquals(3, unmanaged.code(), both(unmanaged));
        assertTrue(unmanaged.out().contains("databricks-users-can-manage  ACL entry clusters/" + clusterId),
                "the policies also judge the unmanaged ACL entry: " + unmanaged.out());
        assertTrue(unmanaged.out().contains("[CRITICAL] ACL entry clusters/" + clusterId + ": group users CAN_MANAGE"),
                unmanaged.out());

        CliTest.Run converge = lockstep(dir, "apply", "--auto-approve");
        assertEquals(0, converge.code(), both(converge));
        assertTrue(converge.out().contains("Revokes CAN_MANAGE on /clusters/" + clusterId + " from group users."),
                converge.out());
        assertTrue(converge.out().contains("Apply complete! Resources: 0 added, 2 changed, 0 destroyed."),
                converge.out());
        try (Sandbox s = new Sandbox(data, 0, null); KubernetesClient k8s = kubernetes(s)) {
            assertEquals(List.of("configmaps", "pods", "pods/log", "services"), roleResources(k8s),
                    "the Role is as declared again");
            JsonNode acl = JSON.readTree(databricks(s, "GET", "/api/2.0/permissions/clusters/" + clusterId, null)
                    .body()).path("access_control_list");
            assertFalse(acl.toString().contains("\"users\""), acl.toString());
            assertTrue(acl.toString().contains("analytics-engineers"), acl.toString());
        }
        CliTest.Run empty = lockstep(dir, "plan", "--detailed-exitcode");
        assertEquals(0, empty.code(), both(empty));
        assertEquals(0, lockstep(dir, "drift").code());

        // the README's way: `sandbox serve` runs the emulators, curl changes the Role through the
        // address in the sandbox's kubeconfig, and commands run meanwhile talk to serve
        ChildProcess serve = ChildProcess.start(dir, "sandbox", "serve");
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (serve.count("export AWS_ENDPOINT_URL=") == 0 && serve.process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, serve.count("export AWS_ENDPOINT_URL="), serve.all());
            Matcher server = Pattern.compile("(?m)^ *server: (.+)$").matcher(Files.readString(data.resolve(
                    "kubeconfig")));
            assertTrue(server.find());
            assertTrue(serve.all().contains("Kubernetes       " + server.group(1)), "the kubeconfig names serve's "
                    + "address: " + serve.all());
            HttpResponse<String> curl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    server.group(1) + "/apis/rbac.authorization.k8s.io/v1/namespaces/team-analytics/roles/"
                            + "analytics-developer")).header("Content-Type", "application/json-patch+json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(
                            "[{\"op\":\"add\",\"path\":\"/rules/0/resources/-\",\"value\":\"secrets\"}]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(curl.statusCode() / 100 == 2, curl.body());
            CliTest.Run served = lockstep(dir, "drift");
            assertEquals(2, served.code(), both(served));
            assertTrue(served.out().contains("lockstep drift: 1 changed, 0 deleted outside lockstep."), served.out());
            assertEquals(0, lockstep(dir, "apply", "--auto-approve").code());
            assertEquals(0, lockstep(dir, "plan", "--detailed-exitcode").code());
        } finally {
            serve.terminate();
            serve.waitFor(30);
        }

        CliTest.Run destroy = lockstep(dir, "destroy", "--auto-approve");
        assertEquals(0, destroy.code(), both(destroy));
        assertTrue(destroy.out().contains("Destroy complete! Resources: 20 destroyed."), destroy.out());
        assertEquals("", lockstep(dir, "state", "list").out().trim(), "nothing recorded");
        try (Sandbox s = new Sandbox(data, 0, null); KubernetesClient k8s = kubernetes(s)) {
            assertEquals(null, k8s.namespaces().withName("team-analytics").get(), "the namespace is gone");
            assertTrue(k8s.rbac().roles().inAnyNamespace().list().getItems().stream()
                    .noneMatch(r -> r.getMetadata().getNamespace().equals("team-analytics")));
            Map<String, Function<JsonNode, JsonNode>> lists = Map.of(
                    "/api/2.1/clusters/list", j -> j.path("clusters"),
                    "/api/2.2/jobs/list", j -> j.path("jobs"),
                    "/api/2.0/secrets/scopes/list", j -> j.path("scopes"),
                    "/api/2.0/preview/scim/v2/Groups?filter=displayName%20eq%20%22analytics-engineers%22",
                    j -> j.path("Resources"));
            for (var e : lists.entrySet()) {
                HttpResponse<String> r = databricks(s, "GET", e.getKey(), null);
                assertEquals(200, r.statusCode(), e.getKey() + ": " + r.body());
                JsonNode items = e.getValue().apply(JSON.readTree(r.body()));
                assertTrue(items.isMissingNode() || items.isEmpty(), e.getKey() + " still lists " + items);
            }
            HttpResponse<String> folder = databricks(s, "GET", "/api/2.0/workspace/get-status?path=/Shared/analytics",
                    null);
            assertEquals(404, folder.statusCode(), "the notebook folder is gone: " + folder.body());
        }
    }

    private static KubernetesClient kubernetes(Sandbox s) throws IOException {
        s.kubernetes();
        Config cfg = Config.fromKubeconfig(Files.readString(Path.of(s.overrides("kubernetes").get("kubeconfig"))));
        return new KubernetesClientBuilder().withConfig(cfg).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    private static List<String> roleResources(KubernetesClient k8s) {
        PolicyRule first = k8s.rbac().roles().inNamespace("team-analytics").withName("analytics-developer").get()
                .getRules().get(0);
        return first.getResources();
    }

    private static HttpResponse<String> databricks(Sandbox s, String method, String path, String body)
            throws IOException, InterruptedException {
        Map<String, String> o = s.overrides("databricks");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(o.get("host") + path))
                .header("Authorization", "Bearer " + o.get("token"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
