package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.local.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: an apply of 200 objects through a slow provider, run as a separate process, is
 * killed (SIGKILL) at random points, or interrupted (SIGTERM, SIGINT); every time the state must
 * load, its serial must not have gone backwards, its lineage must be unchanged, and one more apply
 * must converge with nothing lost or duplicated. {@code -Dlockstep.crashTrials=N} runs more trials.
 */
class CrashSafetyTest {

    private static final int OBJECTS = 200;

    @TempDir
    Path root;

    private static String config(int delayMs) {
        return """
                provider "slowtest" {
                  store    = "objects.json"
                  delay_ms = %d
                }
                resource "slowtest_object" "seed" {
                  name = "seed"
                }
                resource "slowtest_object" "o" {
                  count = %d
                  name  = "o-${count.index}"
                  value = "v-${count.index}"
                }
                """.formatted(delayMs, OBJECTS);
    }

    private static State load(Path dir) throws Exception {
        return new LocalBackend(dir.resolve(".lockstep")).load().state();
    }

    /** Creates the seed object in-process, so that the state has a lineage and serial before the crash. */
    private static State seeded(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("main.hcl"), config(8));
        CliTest.Run r = CliTest.run("apply", "--auto-approve", "--target", "slowtest_object.seed", "-C",
                dir.toString());
        assertEquals(0, r.code(), r.err());
        return load(dir);
    }

    /** After the crash: the state loads, one apply converges, every object exists exactly once. */
    private static void assertConverges(Path dir, State before, String trial) throws Exception {
        State after = load(dir);
        assertEquals(before.lineage(), after.lineage(), trial + ": lineage unchanged");
        assertTrue(after.serial() >= before.serial(), trial + ": serial " + after.serial() + " < " + before.serial());
        CliTest.Run r = CliTest.run("apply", "--auto-approve", "-C", dir.toString());
        assertEquals(0, r.code(), trial + ": re-apply failed\n" + r.out() + r.err());
        State done = load(dir);
        assertTrue(done.serial() > after.serial(), trial + ": serial grows");
        assertEquals(OBJECTS + 1, done.resources().size(), trial);
        for (ResourceInstance ri : done.resources().values()) {
            assertEquals(ResourceInstance.Status.READY, ri.status(), trial + ": " + ri.address());
        }
        JsonNode objects = new ObjectMapper().readTree(dir.resolve("objects.json").toFile());
        assertEquals(OBJECTS + 1, objects.size(), trial + ": objects in the system");
        objects.fields().forEachRemaining(e -> assertEquals(1, e.getValue().get("creates").asInt(),
                trial + ": " + e.getKey() + " created more than once"));
        assertEquals(0, CliTest.run("plan", "--detailed-exitcode", "-C", dir.toString()).code(),
                trial + ": converged");
    }

    @Test
    void sigkillAtRandomPoints() throws Exception {
        int trials = Integer.getInteger("lockstep.crashTrials", 30);
        long seed = Long.getLong("lockstep.crashSeed", System.nanoTime());
        Random random = new Random(seed);
        int killedMidApply = 0;
        for (int i = 0; i < trials; i++) {
            Path dir = root.resolve("kill-" + i);
            State before = seeded(dir);
            ChildProcess p = ChildProcess.start(dir, "apply", "--auto-approve", "--parallelism", "10");
            // wait until the child is applying (or has finished), then kill it at a random moment
            long deadline = System.currentTimeMillis() + 30_000;
            while (p.count("Creating...") == 0 && p.process.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(300));
            boolean alive = p.process.isAlive();
            p.kill();
            p.waitFor(30);
            if (alive && p.count("Creation complete") < OBJECTS) {
                killedMidApply++;
            }
            assertConverges(dir, before, "trial " + i + " (seed " + seed + ")");
        }
        assertTrue(killedMidApply >= trials / 2, "most kills landed mid-apply: " + killedMidApply + " of " + trials
                + " (seed " + seed + ")");
    }

    /**
     * A kill after the last result was journaled but before the state was stored leaves nothing to
     * do: the next apply still stores the recovered state as a version and retires the journal.
     */
    @Test
    void anApplyWithNothingToDoStoresARecoveredState() throws Exception {
        Path dir = root.resolve("recovered");
        seeded(dir);
        LocalBackend backend = new LocalBackend(dir.resolve(".lockstep"));
        State stored = backend.load().state();
        try (var journal = backend.journal(stored)) {
            journal.put(stored.resources().values().iterator().next()); // journaled, never committed
        }
        assertTrue(backend.load().recovered());
        Files.writeString(dir.resolve("main.hcl"), config(0).replace("count = 200", "count = 0"));

        CliTest.Run r = CliTest.run("apply", "--auto-approve", "-C", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Nothing to apply."), r.out());
        var loaded = new LocalBackend(dir.resolve(".lockstep")).load();
        assertEquals(false, loaded.recovered(), "the journal is retired");
        assertEquals(stored.serial() + 1, loaded.state().serial());
        assertEquals("recover", new LocalBackend(dir.resolve(".lockstep")).history().get(0).command());
        assertEquals(false, Files.exists(dir.resolve(".lockstep").resolve(LocalBackend.JOURNAL_FILE)));
    }

    /** Starts an apply of the 200 objects (each create taking {@code delayMs}); waits for {@code completed} creates. */
    private static ChildProcess applying(Path dir, int delayMs, int parallelism, int completed, boolean ignoreSigint)
            throws Exception {
        Files.writeString(dir.resolve("main.hcl"), config(delayMs));
        String[] args = {"apply", "--auto-approve", "--parallelism", Integer.toString(parallelism)};
        ChildProcess p = ignoreSigint ? ChildProcess.startIgnoringSigint(dir, args) : ChildProcess.start(dir, args);
        long deadline = System.currentTimeMillis() + 30_000;
        while (p.count("Creation complete") < completed && p.process.isAlive()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.process.isAlive(), () -> "still applying when signalled:\n" + p.all());
        return p;
    }

    /** After one SIGINT or SIGTERM: in-flight creates finished and saved, nothing new started, exit 1. */
    private static void assertStoppedGracefully(Path dir, State before, ChildProcess p, String signal, String trial)
            throws Exception {
        int code = p.waitFor(30);
        assertEquals(1, code, p.all());
        assertTrue(p.all().contains("Interrupt received (" + signal + "). Gracefully shutting down"), p.all());
        assertTrue(p.all().contains("not started"), p.all());
        assertTrue(p.all().contains("Apply interrupted") && p.all().contains("operations completed and saved"), p.all());
        State saved = load(dir);
        long created = p.count("Creation complete");
        long recorded = saved.resources().values().stream()
                .filter(r -> r.status() == ResourceInstance.Status.READY).count();
        assertEquals(created + 1, recorded, "every completed create was saved (plus the seed)\n" + p.all());
        assertConverges(dir, before, trial);
    }

    /** SIGTERM, as a CI system cancelling the job or Kubernetes stopping a CronJob's pod sends it. */
    @Test
    void firstSigtermFinishesInFlightCallsAndSaves() throws Exception {
        for (int i = 0; i < 3; i++) {
            Path dir = root.resolve("term-" + i);
            State before = seeded(dir);
            ChildProcess p = applying(dir, 40, 4, 10, false);
            p.terminate();
            assertStoppedGracefully(dir, before, p, "SIGTERM", "sigterm " + i);
        }
    }

    /**
     * Ctrl-C. Skipped only when the children of this JVM ignore SIGINT, which happens when the
     * suite was started as a background job of a non-interactive shell (such a process cannot
     * take SIGINT back); SIGTERM is then the way to stop lockstep, as the other tests show.
     */
    @Test
    void firstSigintFinishesInFlightCallsAndSaves() throws Exception {
        Path dir = root.resolve("int");
        State before = seeded(dir);
        ChildProcess p = applying(dir, 40, 4, 10, false);
        boolean ignored = p.ignoresSigint();
        if (ignored) {
            p.kill();
            p.waitFor(30);
        }
        assumeFalse(ignored, "SIGINT is ignored in the processes this JVM starts (the suite was started with SIGINT "
                + "ignored, as a background job of a non-interactive shell is, and children inherit that), so Ctrl-C "
                + "cannot be tested here; SIGTERM, handled the same way, is tested by the other tests");
        p.interrupt();
        assertStoppedGracefully(dir, before, p, "SIGINT", "sigint");
    }

    @Test
    void secondSignalExitsAtOnceLeavingALoadableState() throws Exception {
        Path dir = root.resolve("term-twice");
        State before = seeded(dir);
        ChildProcess p = applying(dir, 200, 2, 2, false);
        p.terminate();
        Thread.sleep(50);
        p.terminate();
        assertEquals(143, p.waitFor(30), "128 + SIGTERM's number\n" + p.all());
        assertTrue(p.all().contains("Two interrupts received (the second SIGTERM). Exiting immediately"), p.all());
        assertConverges(dir, before, "second sigterm");
    }

    /**
     * Started with SIGINT ignored (a background job of a script): lockstep runs as usual, SIGINT
     * does nothing, and SIGTERM still stops it gracefully.
     */
    @Test
    void startedWithSigintIgnoredItAppliesAndSigtermStillStopsIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "tells ignored signals from /proc (Linux)");
        Path dir = root.resolve("ignored");
        State before = seeded(dir);
        ChildProcess p = applying(dir, 40, 4, 10, true);
        assertTrue(p.ignoresSigint(), "started with SIGINT ignored");
        p.interrupt();
        long at = p.count("Creation complete");
        long deadline = System.currentTimeMillis() + 30_000;
        while (p.count("Creation complete") < at + 10 && p.process.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.process.isAlive(), p.all());
        assertFalse(p.all().contains("Interrupt received"), "SIGINT stays ignored: " + p.all());
        p.terminate();
        assertStoppedGracefully(dir, before, p, "SIGTERM", "sigterm after an ignored sigint");
    }
}
