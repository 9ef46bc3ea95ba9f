package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.local.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reported case, under the real engine against the sandbox's Kubernetes API: a secret data
 * source named by a service account's {@code default_secret_name}, which is "" on clusters from
 * 1.24 on. It used to end in the fabric8 client's "Name must be provided" stack trace; now apply
 * (which reads the data source once the account exists) and every later plan report an error at
 * the data block.
 */
class EmptyDataSourceNameTest {

    private static final String CONFIG = """
            resource "kubernetes_service_account" "sa" {
              metadata {
                name = "builder"
              }
            }

            data "kubernetes_secret" "token" {
              metadata {
                name = kubernetes_service_account.sa.default_secret_name
              }
            }
            """;

    @TempDir
    Path dir;

    private SandboxKubernetes k8s;

    @BeforeEach
    void start() throws Exception {
        k8s = new SandboxKubernetes();
        k8s.start();
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
    }

    @AfterEach
    void stop() {
        k8s.stop();
    }

    private Session open() throws Exception {
        Session.Opened o = Session.open(new Session.Request(dir, Schemas.discover(),
                settings -> new LocalBackend(dir.resolve(".lockstep")), VariableValues.Sources.none(), Map.of(),
                provider -> provider.equals("kubernetes") ? Map.of("host", k8s.baseUri().toString()) : Map.of(),
                ProviderLog.NONE, "apply", true, Duration.ofSeconds(5)));
        assertNotNull(o.session(), () -> o.diagnostics().toString());
        return o.session();
    }

    private static PlanOptions options() {
        return new PlanOptions(PlanMode.NORMAL, true, List.of(), List.of(), 4);
    }

    /** The one error: the name is empty, said at the data block (line 7). */
    private static void assertEmptyNameAtTheDataBlock(Diagnostics d) {
        List<Diagnostic> errors = d.asList().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), d::toString);
        Diagnostic e = errors.get(0);
        assertEquals("Invalid object name", e.summary(), e::toString);
        assertTrue(e.detail().startsWith("metadata[0].name is empty: a Secret needs a name."), e::toString);
        assertTrue(e.detail().contains("kubernetes.io/service-account-token"), e::toString);
        assertNotNull(e.subject(), e::toString);
        assertEquals("main.hcl", e.subject().file());
        assertEquals(7, e.subject().start().line(), e::toString);
    }

    @Test
    void anEmptyNameFromDefaultSecretNameIsAnErrorAtTheDataBlock() throws Exception {
        try (Session s = open()) {
            Planner.Result r = s.plan(options());
            assertFalse(r.diagnostics().hasErrors(), r.diagnostics()::toString);
            Session.Applied a = s.apply(options(), r, 4, ApplyListener.NONE, new AtomicBoolean(),
                    new SnapshotInfo(0, Instant.now(), "test", "apply", null, null, "test"));
            assertEmptyNameAtTheDataBlock(a.diagnostics());
            // the service account itself was created and recorded
            assertTrue(a.state().resources().keySet().stream().anyMatch(k -> k.toString()
                    .equals("kubernetes_service_account.sa")), () -> a.state().resources().keySet().toString());
        }
        try (Session s = open()) {
            assertEmptyNameAtTheDataBlock(s.plan(options()).diagnostics());
        }
        assertEquals(0, k8s.requestLog().snapshot().count("GET /api/v1/namespaces/{namespace}/secrets/{name}"));
    }
}
