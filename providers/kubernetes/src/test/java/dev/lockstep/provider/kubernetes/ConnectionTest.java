package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.schema.ProviderConfigSchema;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.provider.kubernetes.testing.MockCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the provider finds the cluster, and what it says when it cannot. */
class ConnectionTest {

    @TempDir
    Path dir;

    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private OpenResult open(String block, Map<String, String> env) {
        return open(block, env, dir.resolve("no-service-account"));
    }

    private OpenResult open(String block, Map<String, String> env, Path serviceAccountDir) {
        Value settings = Hcl.body(ProviderConfigSchema.schema(), block + "\nretry_interval = \"10ms\"\nmax_retries = 1",
                new Diagnostics());
        return KubernetesProvider.open(new ProviderConfig("kubernetes", null, settings, env, dir, dir, null,
                ProviderLog.NONE), serviceAccountDir);
    }

    private Path kubeconfig() throws IOException {
        String text = """
                apiVersion: v1
                kind: Config
                current-context: prod
                clusters:
                - name: mock
                  cluster:
                    server: %s
                - name: nowhere
                  cluster:
                    server: http://127.0.0.1:1
                users:
                - name: dev-user
                  user:
                    token: dev-token-123
                contexts:
                - name: dev
                  context:
                    cluster: mock
                    user: dev-user
                - name: prod
                  context:
                    cluster: nowhere
                    user: dev-user
                """.formatted(cluster.url());
        Path p = dir.resolve("kubeconfig");
        Files.writeString(p, text);
        return p;
    }

    private static String text(OpenResult r) {
        return r.diagnostics().toString();
    }

    @Test
    void noClusterNamesEverythingTried() {
        OpenResult r = open("", Map.of("HOME", dir.toString()));
        assertNull(r.provider());
        String t = text(r);
        assertTrue(t.contains("No Kubernetes cluster configured"), t);
        assertTrue(t.contains("$KUBECONFIG (not set)"), t);
        assertTrue(t.contains(dir.resolve(".kube").resolve("config").toString()), t);
        assertTrue(t.contains("in-cluster service account (KUBERNETES_SERVICE_HOST not set)"), t);
    }

    @Test
    void kubeconfigPathAndContext() throws IOException {
        Path kc = kubeconfig();
        OpenResult r = open("config_path = \"" + kc + "\"\nconfig_context = \"dev\"", Map.of());
        assertNotNull(r.provider(), () -> text(r));
        assertTrue(r.provider().requestCounts().containsKey("GET /version"));
        r.provider().close();
    }

    @Test
    void kubeconfigFromTheEnvironmentUsesItsCurrentContext() throws IOException {
        Path kc = kubeconfig();
        OpenResult r = open("", Map.of("KUBECONFIG", dir.resolve("missing") + java.io.File.pathSeparator + kc));
        assertNull(r.provider());
        String t = text(r);
        assertTrue(t.contains("Cannot reach the Kubernetes API"), t);
        assertTrue(t.contains("127.0.0.1:1"), t);
        assertTrue(t.contains("kubeconfig " + kc), t);
        assertFalse(t.contains("dev-token-123"), t);

        OpenResult dev = open("", Map.of("KUBECONFIG", kc.toString(), "KUBE_CTX", "dev"));
        assertNotNull(dev.provider(), () -> text(dev));
        dev.provider().close();
    }

    @Test
    void terraformEnvironmentVariablesFillUnsetSettings() {
        OpenResult ok = open("", Map.of("KUBE_HOST", cluster.url(), "KUBE_TOKEN", "env-t0ken"));
        assertNotNull(ok.provider(), () -> text(ok));
        ok.provider().close();
        OpenResult block = open("host = \"http://127.0.0.1:1\"", Map.of("KUBE_HOST", cluster.url()));
        assertNull(block.provider(), "the provider block wins over the environment");
    }

    @Test
    void settingsNeverPrintCredentials() {
        Value v = Hcl.body(ProviderConfigSchema.schema(), "host = \"h\"\ntoken = \"t0ken-value\"\npassword = "
                + "\"pa55-value\"", new Diagnostics());
        String s = dev.lockstep.provider.kubernetes.client.Settings.of(v).toString();
        assertFalse(s.contains("t0ken-value") || s.contains("pa55-value"), s);
        assertTrue(s.contains("token"), s);
    }

    @Test
    void anUnknownContextListsTheKnownOnes() throws IOException {
        Path kc = kubeconfig();
        OpenResult r = open("config_path = \"" + kc + "\"\nconfig_context = \"staging\"", Map.of());
        assertNull(r.provider());
        assertTrue(text(r).contains("has no context \"staging\" (it has: dev, prod)"), text(r));
    }

    @Test
    void hostAndTokenDirectly() {
        OpenResult ok = open("host = \"" + cluster.url() + "\"\ntoken = \"t0ken-value\"", Map.of());
        assertNotNull(ok.provider(), () -> text(ok));
        ok.provider().close();

        OpenResult down = open("host = \"http://127.0.0.1:1\"\ntoken = \"t0ken-value\"", Map.of());
        assertNull(down.provider());
        assertTrue(text(down).contains("Cannot reach the Kubernetes API"), text(down));
        assertTrue(text(down).contains("host http://127.0.0.1:1"), text(down));
        assertFalse(text(down).contains("t0ken-value"), text(down));
    }

    @Test
    void inClusterServiceAccount() throws IOException {
        Path sa = Files.createDirectories(dir.resolve("sa"));
        Files.writeString(sa.resolve("token"), "in-cluster-token");
        OpenResult r = open("", Map.of("HOME", dir.toString(), "KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", "1"), sa);
        assertNull(r.provider());
        String t = text(r);
        assertTrue(t.contains("from in-cluster service account"), t);
        assertTrue(t.contains("https://127.0.0.1:1"), t);
        assertFalse(t.contains("in-cluster-token"), t);
    }

    @Test
    void theSandboxOverridesTheProviderBlock() {
        OpenResult r = cluster.openResult("host = \"http://127.0.0.1:1\"", Map.of("host", cluster.url()));
        assertNotNull(r.provider(), () -> text(r));
        r.provider().close();
    }

    @Test
    void badSettingsAreDiagnostics() {
        OpenResult r = open("host = \"" + cluster.url() + "\"\nignore_labels = [\"(\"]", Map.of());
        assertNull(r.provider());
        assertTrue(text(r).contains("ignore_labels"), text(r));
        OpenResult d = open("host = \"" + cluster.url() + "\"\ndelete_timeout = \"soon\"", Map.of());
        assertNull(d.provider());
        assertTrue(text(d).contains("not a duration"), text(d));
        // a setting lockstep cannot honour is refused, never accepted and ignored
        OpenResult sni = open("host = \"" + cluster.url() + "\"\ntls_server_name = \"api.internal\"", Map.of());
        assertNull(sni.provider());
        assertTrue(text(sni).contains("tls_server_name is not supported"), text(sni));
    }
}
