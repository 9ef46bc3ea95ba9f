package dev.lockstep.planner.engine;

import dev.lockstep.api.provider.SandboxOverrides;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.PlanOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.testing.MemoryBackend;
import dev.lockstep.planner.testing.ThrowingProvider;
import dev.lockstep.state.backend.SnapshotInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that throws instead of returning diagnostics: every call the engine makes (plan
 * customizer, refresh, create, update, delete, data source read) ends in an error diagnostic that
 * names the address, points at the block and keeps the exception's message without its secrets,
 * never in an exception that reaches the command line as "a bug in lockstep".
 */
class ProviderErrorTest {

    private static final String SECRET = "s3cret-Value-of-the-test";

    @TempDir
    Path dir;

    private final MemoryBackend backend = new MemoryBackend();
    private final ThrowingProvider provider = new ThrowingProvider();

    private Session open() throws Exception {
        Session.Opened o = Session.open(new Session.Request(dir, Schemas.of(provider), settings -> backend,
                VariableValues.Sources.none(), Map.of(), SandboxOverrides.NONE, ProviderLog.NONE, "test", true,
                Duration.ZERO));
        assertNotNull(o.session(), () -> Configs.describe(o.diagnostics()));
        return o.session();
    }

    private Planner.Result plan() throws Exception {
        try (Session s = open()) {
            return s.plan(PlanOptions.defaults());
        }
    }

    private Diagnostics apply() throws Exception {
        try (Session s = open()) {
            Planner.Result r = s.plan(PlanOptions.defaults());
            assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
            return s.apply(PlanOptions.defaults(), r, 2, ApplyListener.NONE, new AtomicBoolean(),
                    new SnapshotInfo(0, Instant.now(), "test", "apply", null, null, "test")).diagnostics();
        }
    }

    private static Diagnostic only(Diagnostics d) {
        List<Diagnostic> errors = d.asList().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), () -> Configs.describe(d));
        return errors.get(0);
    }

    /** The error names the address, points at the block on {@code line}, keeps the message, hides the secret. */
    private static void assertProviderError(Diagnostic e, String address, int line, String message) {
        assertEquals("Provider error in " + address, e.summary(), e::toString);
        assertNotNull(e.subject(), e::toString);
        assertEquals("main.hcl", e.subject().file());
        assertEquals(line, e.subject().start().line(), e::toString);
        assertTrue(e.detail().contains(message), e::toString);
        assertFalse(e.detail().contains(SECRET), e::toString);
    }

    @Test
    void aDataSourceReadThatThrowsIsAnErrorAtTheBlock() throws Exception {
        Configs.write(dir, "main.hcl", """
                resource "throwtest_object" "a" {
                  name = "a"
                }

                data "throwtest_lookup" "x" {
                  name = ""
                }
                """);
        Planner.Result r = plan();
        assertProviderError(only(r.diagnostics()), "data.throwtest_lookup.x", 5,
                "IllegalArgumentException: \"Name must be provided.\"");
    }

    @Test
    void aDiagnosticTheProviderReturnsGetsTheBlocksRange() throws Exception {
        Configs.write(dir, "main.hcl", """
                data "throwtest_lookup" "x" {
                  name = "missing"
                }
                """);
        Diagnostic e = only(plan().diagnostics());
        assertEquals("No such object", e.summary());
        assertNotNull(e.subject(), e::toString);
        assertEquals(1, e.subject().start().line());
    }

    @Test
    void aPlanCustomizerThatThrowsIsAnErrorWithoutTheSecret() throws Exception {
        Configs.write(dir, "main.hcl", """
                resource "throwtest_object" "a" {
                  name    = "a"
                  secret  = "%s"
                  fail_in = "plan"
                }
                """.formatted(SECRET));
        Diagnostic e = only(plan().diagnostics());
        assertProviderError(e, "throwtest_object.a", 1, "IllegalStateException: \"plan exploded holding "
                + "(sensitive value)\"");
    }

    @Test
    void createUpdateReadAndDeleteThatThrowAreErrorsAtTheBlock() throws Exception {
        String object = """
                resource "throwtest_object" "a" {
                  name    = "a"
                  secret  = "%s"
                  value   = "%s"
                  fail_in = "%s"
                }
                """;
        Configs.write(dir, "main.hcl", object.formatted(SECRET, "one", "create"));
        assertProviderError(only(apply()), "throwtest_object.a", 1, "create exploded holding (sensitive value)");
        assertTrue(provider.objects.isEmpty());

        Configs.write(dir, "main.hcl", object.formatted(SECRET, "one", "update"));
        assertFalse(apply().hasErrors());
        Configs.write(dir, "main.hcl", object.formatted(SECRET, "two", "update"));
        assertProviderError(only(apply()), "throwtest_object.a", 1, "update exploded holding (sensitive value)");

        // the stored object now throws when read: refresh knows the address, not the block
        provider.failReads("a");
        Diagnostic read = only(plan().diagnostics());
        assertEquals("Provider error in throwtest_object.a", read.summary(), read::toString);
        assertTrue(read.detail().contains("read exploded holding"), read::toString);
        assertFalse(read.detail().contains(SECRET), read::toString);
    }

    @Test
    void aDeleteThatThrowsIsAnError() throws Exception {
        Configs.write(dir, "main.hcl", """
                resource "throwtest_object" "a" {
                  name    = "a"
                  fail_in = "delete"
                }
                """);
        assertFalse(apply().hasErrors());
        Configs.write(dir, "main.hcl", "");
        Diagnostic e = only(apply());
        assertEquals("Provider error in throwtest_object.a", e.summary(), e::toString);
        assertTrue(e.detail().contains("IllegalStateException: \"delete exploded holding nothing\""), e::toString);
        assertEquals(1, provider.objects.size());
    }
}
