package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten processes start an apply on one state at once: exactly one proceeds, every other exits 4
 * naming the holder. A killed holder's lock is released. The test provider's "gate" keeps the
 * winner holding the lock (it waits after the lock is taken) until all the others have tried.
 */
class LockContentionTest {

    @TempDir
    Path dir;

    private void write() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                provider "slowtest" {
                  store = "objects.json"
                  gate  = "gate"
                }
                resource "slowtest_object" "o" {
                  count = 3
                  name  = "o-${count.index}"
                }
                """);
    }

    @Test
    void exactlyOneOfTenProceeds() throws Exception {
        write();
        List<ChildProcess> ps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ps.add(ChildProcess.start(dir, "apply", "--auto-approve"));
        }
        int locked = 0;
        ChildProcess winner = null;
        long deadline = System.currentTimeMillis() + 90_000;
        while (locked < 9 && System.currentTimeMillis() < deadline) {
            locked = 0;
            for (ChildProcess p : ps) {
                if (!p.process.isAlive()) {
                    locked++;
                }
            }
            Thread.sleep(20);
        }
        for (ChildProcess p : ps) {
            if (p.process.isAlive()) {
                assertEquals(null, winner, "more than one process got past the lock");
                winner = p;
            } else {
                assertEquals(4, p.process.exitValue(), p.all());
                assertTrue(p.all().contains("Error acquiring the state lock"), p.all());
                assertTrue(p.all().contains("Operation: apply"), "names the holder: " + p.all());
                assertTrue(p.all().contains("PID:       " + ps.stream().filter(x -> x.process.isAlive())
                        .findFirst().orElseThrow().process.pid()), "the holder's pid: " + p.all());
            }
        }
        assertTrue(winner != null, "one process holds the lock");
        Files.writeString(dir.resolve("gate"), "open");
        assertEquals(0, winner.waitFor(60), winner.all());
        assertTrue(winner.all().contains("Apply complete! Resources: 3 added"), winner.all());
    }

    @Test
    void aKilledHoldersLockIsReleased() throws Exception {
        write();
        ChildProcess holder = ChildProcess.start(dir, "apply", "--auto-approve");
        Path info = dir.resolve(".lockstep").resolve("lock.json");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(info) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(info), "the holder took the lock");
        CliTest.Run blocked = CliTest.run("plan", "-C", dir.toString());
        assertEquals(4, blocked.code(), blocked.err());
        CliTest.Run status = CliTest.run("lock", "status", "-C", dir.toString());
        assertTrue(status.out().contains("PID:       " + holder.process.pid()), status.out());
        holder.kill();
        holder.waitFor(30);
        Files.writeString(dir.resolve("gate"), "open");
        CliTest.Run after = CliTest.run("apply", "--auto-approve", "-C", dir.toString());
        assertEquals(0, after.code(), after.out() + after.err());
    }
}
