package dev.lockstep.state.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.backend.StateLockedException;
import dev.lockstep.state.testing.ChildMain;
import dev.lockstep.state.testing.Children;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Mutual exclusion between processes, including a holder killed with SIGKILL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockProcessTest {

    @TempDir
    Path config;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private Process start(String... args) throws Exception {
        Process p = Children.start(ChildMain.class, args);
        started.add(p);
        return p;
    }

    private static String expectLine(BufferedReader r, String prefix) throws Exception {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("READY") || line.startsWith("ACQUIRED") || line.startsWith("LOCKED")
                    || line.startsWith("RAW") || line.startsWith("INFO")) {
                throw new AssertionError("expected " + prefix + " but got " + line);
            }
            System.out.println("child: " + line);
        }
        throw new AssertionError("child ended before " + prefix);
    }

    private LocalLocker locker() {
        return new LocalLocker(config.resolve(".lockstep"), config.toString(), "t", Duration.ofSeconds(2));
    }

    @Test
    void ofTenProcessesStartingAtOnceExactlyOneGetsTheLockAndTheOthersNameIt() throws Exception {
        Path dir = config.resolve(".lockstep");
        Path go = config.resolve("go");
        List<Process> ps = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Process p = start("contend", dir.toString(), go.toString());
            ps.add(p);
            outs.add(Children.output(p));
        }
        for (BufferedReader r : outs) {
            expectLine(r, "READY");
        }
        Files.createFile(go);
        int winner = -1;
        String winnerId = null;
        List<String[]> losers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String line = outs.get(i).readLine();
            String[] f = line.split(" ");
            if (f[0].equals("ACQUIRED")) {
                assertEquals(-1, winner, "two processes got the lock: " + winner + " and " + i);
                winner = i;
                winnerId = f[1];
                assertEquals(ps.get(i).pid(), Long.parseLong(f[2]));
            } else {
                assertEquals("LOCKED", f[0], line);
                losers.add(f);
            }
        }
        assertTrue(winner >= 0, "nobody got the lock");
        assertEquals(9, losers.size());
        for (String[] f : losers) {
            assertEquals(winnerId, f[1], "a loser named another holder");
            assertEquals(ps.get(winner).pid(), Long.parseLong(f[2]));
        }
        LockInfo seen = locker().current().orElseThrow();
        assertEquals(winnerId, seen.id());
        assertEquals("apply", seen.operation());

        ps.get(winner).getOutputStream().close();
        expectLine(outs.get(winner), "RELEASED");
        for (Process p : ps) {
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        assertFalse(locker().current().isPresent());
        assertFalse(Files.exists(dir.resolve("lock.json")), "releasing deletes the info");
    }

    @Test
    void aHolderKilledWithSigkillLeavesTheLockFree() throws Exception {
        Process p = start("hold", config.resolve(".lockstep").toString());
        String[] f = expectLine(Children.output(p), "ACQUIRED").split(" ");
        LocalLocker locker = locker();
        StateLockedException e = assertThrows(StateLockedException.class, () -> locker.acquire("plan", Duration.ZERO));
        assertEquals(f[1], e.holder().id());
        assertEquals(p.pid(), e.holder().pid());
        assertTrue(e.getMessage().contains("lock id " + f[1]), e.getMessage());
        assertEquals(f[1], locker.current().orElseThrow().id());
        StateException force = assertThrows(StateException.class, () -> locker.forceUnlock(f[1]));
        assertTrue(force.getMessage().contains("held by a running process"), force.getMessage());

        p.destroyForcibly();
        p.waitFor();
        assertTrue(Files.exists(config.resolve(".lockstep/lock.json")), "a killed holder leaves its info behind");
        assertFalse(locker.current().isPresent(), "the dead holder's info is not reported");
        try (Lock l = locker.acquire("apply", Duration.ZERO)) {
            assertEquals(l.info().id(), locker.current().orElseThrow().id());
        }
    }

    @Test
    void aContenderWaitsForTheInfoOfAHolderThatHasNotWrittenItYet() throws Exception {
        Path dir = Files.createDirectories(config.resolve(".lockstep"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Instant then = Instant.now();
        Files.writeString(dir.resolve("lock.json"), "{\"id\":\"stale\",\"who\":\"" + dev.lockstep.state.Identity.userAtHost()
                + "\",\"operation\":\"apply\",\"created\":\"" + then + "\",\"path\":\"x\",\"version\":\"t\",\"pid\":"
                + dead.pid() + ",\"expires\":\"" + then.plusSeconds(600) + "\"}");
        Process p = start("rawlock", dir.toString(), "1500", "late-writer");
        BufferedReader out = Children.output(p);
        expectLine(out, "RAW");
        StateLockedException e = assertThrows(StateLockedException.class, () -> locker().acquire("apply", Duration.ZERO));
        assertTrue(e.holder() != null, "the holder was reported as unknown");
        assertEquals("late-writer", e.holder().id());
        assertEquals(p.pid(), e.holder().pid());
    }
}
