package dev.lockstep.state.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.testing.ChildMain;
import dev.lockstep.state.testing.Children;
import dev.lockstep.state.testing.SampleStates;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditLogTest {

    @TempDir
    Path dir;

    private static AuditEvent event(String error) {
        return new AuditEvent(Instant.parse("2026-11-24T10:00:00Z"), "ana@ci", "apply", "sha256:1234",
                List.of(new AuditEvent.Change("kubernetes_secret.db", "create"),
                        new AuditEvent.Change("databricks_token.ci", "replace")),
                List.of(new AuditEvent.Result("kubernetes_secret.db", "ok", null),
                        new AuditEvent.Result("databricks_token.ci", "failed", error)),
                "0f7e");
    }

    @Test
    void eachEventIsOneLineReadBackAsWritten() throws Exception {
        AuditLog log = new AuditLog(dir);
        AuditEvent e = event("403 Forbidden");
        log.append(e);
        log.append(AuditEvent.now("force-unlock", null, List.of(), List.of(), "abc"));
        List<String> lines = Files.readAllLines(log.file(), StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertEquals("{\"time\":\"2026-11-24T10:00:00Z\",\"user\":\"ana@ci\",\"command\":\"apply\","
                + "\"plan_digest\":\"sha256:1234\",\"lock_id\":\"0f7e\",\"changes\":[{\"address\":\"kubernetes_secret.db\","
                + "\"action\":\"create\"},{\"address\":\"databricks_token.ci\",\"action\":\"replace\"}],\"results\":["
                + "{\"address\":\"kubernetes_secret.db\",\"status\":\"ok\",\"error\":null},{\"address\":"
                + "\"databricks_token.ci\",\"status\":\"failed\",\"error\":\"403 Forbidden\"}]}", lines.get(0));
        List<AuditEvent> back = log.read();
        assertEquals(e, back.get(0));
        assertEquals("force-unlock", back.get(1).command());
    }

    @Test
    void aSecretQuotedInAnErrorIsRedacted() throws Exception {
        AuditLog log = new AuditLog(dir);
        Value secrets = Value.object(Map.of("password", Value.string(SampleStates.CANARY).markSensitive(),
                "pin", Value.number(123456).markSensitive(), "short", Value.string("ab")));
        log.append(event("rejected value " + SampleStates.CANARY + " for pin 123456 (ab)"), List.of(secrets));
        String text = Files.readString(log.file(), StandardCharsets.UTF_8);
        assertFalse(text.contains(SampleStates.CANARY), text);
        assertFalse(text.contains("123456"), text);
        assertTrue(text.contains("rejected value (sensitive value) for pin (sensitive value) (ab)"), text);
        log.append(event("rejected value " + SampleStates.CANARY));
        assertTrue(Files.readString(log.file()).contains(SampleStates.CANARY),
                "without the secrets, an error quoting one would be written: the canary check works");
    }

    @Test
    void anEventHasNoPlaceForAValue() {
        for (Class<?> c : List.of(AuditEvent.class, AuditEvent.Change.class, AuditEvent.Result.class)) {
            for (RecordComponent rc : c.getRecordComponents()) {
                Class<?> t = rc.getType();
                assertTrue(t == String.class || t == Instant.class || t == List.class, c.getSimpleName() + "." + rc.getName()
                        + " has type " + t);
            }
        }
        assertEquals(Type.STRING, Value.string("x").type());
    }

    @Test
    void threadsAndProcessesAppendWithoutInterleaving() throws Exception {
        AuditLog log = new AuditLog(dir);
        int perWriter = 150;
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(Children.start(ChildMain.class, "audit", dir.toString(), String.valueOf(perWriter), "proc" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String tag = "thread" + t;
            fs.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    log.append(AuditEvent.now("apply", tag, List.of(new AuditEvent.Change("terraform_data.x" + i,
                            "create")), List.of(), tag + "-" + i));
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        for (Process p : ps) {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        List<AuditEvent> all = log.read();
        assertEquals(7 * perWriter, all.size());
        Map<String, Integer> next = new HashMap<>();
        for (AuditEvent e : all) {
            int n = next.getOrDefault(e.planDigest(), 0);
            assertEquals(e.planDigest() + "-" + n, e.lockId(), "each writer's events in its own order");
            next.put(e.planDigest(), n + 1);
        }
        assertEquals(7, next.size());
    }
}
