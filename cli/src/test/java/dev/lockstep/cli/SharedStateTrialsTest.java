package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared backends under contention, kills and faults, as separate lockstep processes talking to
 * one {@code sandbox serve} (its Kubernetes API server and S3) through the real clients. The counts
 * are small here; {@code mvn -B verify -Pshared-soak -pl cli -am} runs the full trials (20
 * contenders for 50 rounds, 50 kills per backend).
 */
class SharedStateTrialsTest {

    private static final int CONTENDERS = Integer.getInteger("lockstep.sharedContenders", 5);
    private static final int ROUNDS = Integer.getInteger("lockstep.sharedRounds", 2);
    private static final int KILLS = Integer.getInteger("lockstep.sharedKills", 3);
    private static final int OBJECTS = 60;

    @TempDir
    Path dir;

    static final String KUBERNETES = """
            backend "kubernetes" {
              secret_suffix = "trials"
              lock_duration = "%s"
            }""";

    static final String S3 = """
            backend "s3" {
              bucket        = "team-state"
              key           = "trials/lockstep.state"
              region        = "us-east-1"
              lock_duration = "%s"
            }""";

    private void config(String backend, String lockDuration, String providerExtra, int count) throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                lockstep {
                  %s
                }
                provider "slowtest" {
                  store = "objects.json"
                  %s
                }
                resource "slowtest_object" "seed" {
                  name = "seed"
                }
                resource "slowtest_object" "o" {
                  count = %d
                  name  = "o-${count.index}"
                  value = "v-${count.index}"
                }
                """.formatted(backend.formatted(lockDuration), providerExtra, count));
    }

    /** Starts {@code sandbox serve} on the directory's sandbox and waits until it announces its endpoints. */
    private ChildProcess serve(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("sandbox", "serve"));
        args.addAll(List.of(extra));
        ChildProcess serve = ChildProcess.start(dir, args.toArray(String[]::new));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (serve.count("export AWS_ENDPOINT_URL=") == 0 && serve.process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(serve.process.isAlive(), serve.all());
        return serve;
    }

    private static void stop(ChildProcess serve) throws Exception {
        serve.terminate();
        serve.waitFor(30);
    }

    private CliTest.Run run(String... args) {
        List<String> a = new ArrayList<>(List.of("--sandbox", "--no-color", "-C", dir.toString()));
        a.addAll(List.of(args));
        return CliTest.run(a.toArray(String[]::new));
    }

    private static final Pattern HISTORY_ROW = Pattern.compile("(?m)^(\\d+)\\s+\\d{4}-");

    /** The newest serial in the shared backend (0 when there is none), read by another lockstep. */
    private long serial() {
        CliTest.Run h = run("state", "history");
        assertEquals(0, h.code(), h.out() + h.err());
        Matcher m = HISTORY_ROW.matcher(h.out());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void exactlyOneContenderHoldsTheKubernetesLeaseEachRound() throws Exception {
        config(KUBERNETES, "30s", "gate = \"gate\"", 2);
        ChildProcess serve = serve();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Files.deleteIfExists(dir.resolve("gate"));
                long before = serial();
                List<ChildProcess> ps = new ArrayList<>();
                for (int i = 0; i < CONTENDERS; i++) {
                    ps.add(ChildProcess.start(dir, "apply", "--auto-approve", "--sandbox"));
                }
                long deadline = System.currentTimeMillis() + 180_000;
                while (ps.stream().filter(p -> !p.process.isAlive()).count() < CONTENDERS - 1
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                List<ChildProcess> alive = ps.stream().filter(p -> p.process.isAlive()).toList();
                assertEquals(1, alive.size(), "round " + round + ": exactly one holder");
                String holderPid = "PID:       " + alive.get(0).process.pid();
                for (ChildProcess p : ps) {
                    if (p != alive.get(0)) {
                        assertEquals(4, p.process.exitValue(), "round " + round + ": " + p.all());
                        assertTrue(p.all().contains("Error acquiring the state lock") && p.all().contains(holderPid),
                                "round " + round + ": names the holder: " + p.all());
                    }
                }
                Files.writeString(dir.resolve("gate"), "open");
                assertEquals(0, alive.get(0).waitFor(120), alive.get(0).all());
                long after = serial();
                assertTrue(after >= before, "round " + round + ": no state lost (" + before + " -> " + after + ")");
            }
            assertEquals(0, run("plan", "--detailed-exitcode").code(), "converged");
        } finally {
            stop(serve);
        }
    }

    @Test
    void killedAppliesNeverTearTheKubernetesState() throws Exception {
        killTrials(KUBERNETES, 11);
    }

    @Test
    void killedAppliesNeverTearTheS3State() throws Exception {
        killTrials(S3, 23);
    }

    private void killTrials(String backend, long seed) throws Exception {
        Random random = new Random(Long.getLong("lockstep.crashSeed", seed));
        ChildProcess serve = serve();
        int killedMidApply = 0;
        try {
            for (int trial = 0; trial < KILLS; trial++) {
                config(backend, "2s", "delay_ms = 10", OBJECTS);
                Files.deleteIfExists(dir.resolve("objects.json"));
                CliTest.Run destroyed = run("destroy", "--auto-approve");
                assertEquals(0, destroyed.code(), destroyed.out() + destroyed.err());
                CliTest.Run seeded = run("apply", "--auto-approve", "--target", "slowtest_object.seed");
                assertEquals(0, seeded.code(), seeded.out() + seeded.err());
                long before = serial();
                ChildProcess p = ChildProcess.start(dir, "apply", "--auto-approve", "--sandbox", "--parallelism", "8");
                long deadline = System.currentTimeMillis() + 60_000;
                while (p.count("Creating...") == 0 && p.process.isAlive() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(400));
                boolean alive = p.process.isAlive();
                p.kill();
                p.waitFor(30);
                String where = "trial " + trial + " (" + backend.split("\"")[1] + ")";
                if (alive && p.count("Creation complete") < OBJECTS) {
                    killedMidApply++;
                }
                long after = serial();
                assertTrue(after >= before, where + ": serial went back from " + before + " to " + after);
                // the killed holder's lease expires (2 s) and the next command takes it
                CliTest.Run again = run("apply", "--auto-approve", "--lock-timeout", "30s");
                assertEquals(0, again.code(), where + ": re-apply\n" + again.out() + again.err());
                assertTrue(serial() > after, where + ": serial grows");
                JsonNode objects = new ObjectMapper().readTree(dir.resolve("objects.json").toFile());
                assertEquals(OBJECTS + 1, objects.size(), where + ": objects in the system");
                objects.fields().forEachRemaining(e -> assertEquals(1, e.getValue().get("creates").asInt(),
                        where + ": " + e.getKey() + " created more than once"));
                assertEquals(0, run("plan", "--detailed-exitcode").code(), where + ": converged");
            }
            assertTrue(killedMidApply >= (KILLS + 1) / 2, "most kills landed mid-apply: " + killedMidApply + " of "
                    + KILLS);
        } finally {
            stop(serve);
        }
    }

    @Test
    void aKilledHoldersLeaseBlocksUntilItExpiresThenTheNextCommandProceeds() throws Exception {
        config(KUBERNETES, "4s", "gate = \"gate\"", 1);
        ChildProcess serve = serve();
        try {
            ChildProcess holder = ChildProcess.start(dir, "apply", "--auto-approve", "--sandbox");
            long deadline = System.currentTimeMillis() + 60_000;
            CliTest.Run status = run("lock", "status");
            while (!status.out().contains("Operation: apply") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                status = run("lock", "status");
            }
            assertTrue(status.out().contains("PID:       " + holder.process.pid()),
                    "lock status names the holder from another process: " + status.out() + status.err());
            holder.kill();
            holder.waitFor(30);
            Files.writeString(dir.resolve("gate"), "open");
            CliTest.Run refused = run("plan");
            assertEquals(4, refused.code(), "before the expiry: locked\n" + refused.err());
            long start = System.nanoTime();
            CliTest.Run waited = run("apply", "--auto-approve", "--lock-timeout", "30s");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, waited.code(), waited.out() + waited.err());
            assertTrue(ms >= 1000, "waited for the lease to expire: " + ms + " ms");
        } finally {
            stop(serve);
        }
    }

    @Test
    void faultsDuringWritesNeverTearTheState() throws Exception {
        config(KUBERNETES, "30s", "delay_ms = 1", 20);
        ChildProcess serve = serve("--faults", "5xx=0.15,seed=5");
        try {
            for (int i = 0; i < 3; i++) {
                config(KUBERNETES, "30s", "delay_ms = 1", 20 + 5 * i);
                CliTest.Run a = run("apply", "--auto-approve");
                assertEquals(0, a.code(), "apply " + i + " under 5xx faults\n" + a.out() + a.err());
            }
            assertEquals(0, run("plan", "--detailed-exitcode").code(), "converged");
            JsonNode objects = new ObjectMapper().readTree(dir.resolve("objects.json").toFile());
            assertEquals(31, objects.size());
        } finally {
            stop(serve);
        }
    }
}
