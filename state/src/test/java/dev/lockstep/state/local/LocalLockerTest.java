package dev.lockstep.state.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.state.Identity;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.backend.StateLockedException;
import dev.lockstep.state.codec.LockInfoJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLockerTest {

    @TempDir
    Path config;

    private LocalLocker locker(Duration ttl) {
        return new LocalLocker(config.resolve(".lockstep"), config.toString(), "9.9.9", ttl);
    }

    private LockInfo onDisk() throws Exception {
        return LockInfoJson.decode(Files.readAllBytes(config.resolve(".lockstep/lock.json")));
    }

    @Test
    void theHolderInfoIsWrittenAndDeletedOnRelease() throws Exception {
        LocalLocker locker = locker(Duration.ofSeconds(30));
        assertFalse(locker.current().isPresent());
        Lock l = locker.acquire("apply", Duration.ZERO);
        LockInfo i = onDisk();
        assertEquals(l.info(), i);
        if (FileOps.POSIX) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(config.resolve(".lockstep/lock.json"))), "like every file in .lockstep");
        }
        assertEquals("apply", i.operation());
        assertEquals(ProcessHandle.current().pid(), i.pid());
        assertEquals(Identity.userAtHost(), i.who());
        assertEquals(config.toString(), i.path());
        assertEquals("9.9.9", i.version());
        assertTrue(i.expires().isAfter(i.created().plusSeconds(29)));
        assertEquals(i, locker.current().orElseThrow());
        l.close();
        l.close();
        assertFalse(Files.exists(config.resolve(".lockstep/lock.json")));
        assertTrue(Files.exists(config.resolve(".lockstep/state.lock")), "the OS lock file stays");
        assertFalse(locker.current().isPresent());
    }

    @Test
    void theHolderInfoNamesThePlanBeingApplied() throws Exception {
        LocalLocker locker = locker(Duration.ofSeconds(30));
        try (Lock l = locker.acquire("apply", "sha256:9f2c", Duration.ZERO)) {
            assertEquals("sha256:9f2c", locker.current().orElseThrow().planDigest());
            assertTrue(java.nio.file.Files.readString(config.resolve(".lockstep/lock.json")).contains("\"plan_digest\""));
        }
    }

    @Test
    void aSecondAcquireNamesTheHolder() throws Exception {
        LocalLocker locker = locker(Duration.ofSeconds(30));
        try (Lock l = locker.acquire("apply", Duration.ZERO)) {
            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> locker(Duration.ofSeconds(30)).acquire("plan", Duration.ZERO));
            assertEquals(l.info().id(), e.holder().id());
            assertEquals("the state is locked by " + l.info().describe(), e.getMessage());
            assertThrows(StateLockedException.class, () -> locker.acquire("plan", Duration.ofMillis(200)));
        }
    }

    @Test
    void aTimeoutWaitsForTheHolderToRelease() throws Exception {
        LocalLocker locker = locker(Duration.ofSeconds(30));
        Lock first = locker.acquire("apply", Duration.ZERO);
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            first.close();
        });
        try (Lock second = locker.acquire("plan", Duration.ofSeconds(10))) {
            assertNotEquals(first.info().id(), second.info().id());
            assertEquals("plan", onDisk().operation());
        }
        release.join();
    }

    @Test
    void theInfoIsRenewedWhileHeld() throws Exception {
        try (Lock l = locker(Duration.ofMillis(300)).acquire("apply", Duration.ZERO)) {
            Instant first = onDisk().expires();
            Instant later = first;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!later.isAfter(first) && System.nanoTime() < deadline) {
                Thread.sleep(50); // renewal runs every ttl/3; a loaded machine may delay it
                later = onDisk().expires();
            }
            assertTrue(later.isAfter(first), first + " not renewed: " + later);
            assertFalse(l.info().expires().isBefore(later), "the held lock reports its latest renewal");
            assertEquals(l.info().id(), onDisk().id());
        }
    }

    @Test
    void forceUnlockNeedsTheExactId() throws Exception {
        LocalLocker locker = locker(Duration.ofSeconds(30));
        Lock l = locker.acquire("apply", Duration.ZERO);
        String id = l.info().id();
        StateException e = assertThrows(StateException.class, () -> locker.forceUnlock(id.substring(0, 8)));
        assertTrue(e.getMessage().contains("does not match the current lock, whose id is " + id), e.getMessage());
        assertTrue(locker.current().isPresent());
        locker.forceUnlock(id);
        assertFalse(locker.current().isPresent());
        assertFalse(Files.exists(config.resolve(".lockstep/lock.json")));
        try (Lock again = locker.acquire("apply", Duration.ZERO)) {
            assertEquals(again.info().id(), locker.current().orElseThrow().id());
        }
        StateException none = assertThrows(StateException.class, () -> locker.forceUnlock(id));
        assertTrue(none.getMessage().contains("is not locked"), none.getMessage());
    }

    @Test
    void forceUnlockRemovesTheInfoOfAGoneHolder() throws Exception {
        Path dir = Files.createDirectories(config.resolve(".lockstep"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Instant now = Instant.now();
        Files.write(dir.resolve("lock.json"), LockInfoJson.encode(new LockInfo("gone", Identity.userAtHost(), "apply", now,
                "x", "t", dead.pid(), now.plusSeconds(60))));
        LocalLocker locker = locker(Duration.ofSeconds(30));
        assertFalse(locker.current().isPresent(), "a dead holder is not current");
        assertThrows(StateException.class, () -> locker.forceUnlock("other"));
        locker.forceUnlock("gone");
        assertFalse(Files.exists(dir.resolve("lock.json")));
    }

    @Test
    void infoFromAnotherHostCountsUntilItExpires() {
        Instant now = Instant.now();
        assertTrue(LocalLocker.isLive(new LockInfo("a", "u@elsewhere.invalid", "apply", now, "x", "t", 1,
                now.plusSeconds(10))));
        assertFalse(LocalLocker.isLive(new LockInfo("a", "u@elsewhere.invalid", "apply", now, "x", "t", 1,
                now.minusSeconds(1))));
        long self = ProcessHandle.current().pid();
        assertFalse(LocalLocker.isLive(new LockInfo("a", Identity.userAtHost(), "apply", now, "x", "t", self,
                now.plusSeconds(10))), "this process's info without a held lock is a leftover");
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertTrue(LocalLocker.isLive(new LockInfo("a", Identity.userAtHost(), "apply", now, "x", "t", parent,
                now.minusSeconds(10))), "a live local process holds it whatever the clock says");
        assertFalse(LocalLocker.isLive(new LockInfo("a", Identity.userAtHost(), "apply", Instant.EPOCH, "x", "t", parent,
                now.plusSeconds(10))), "a process started after the lock was taken reuses a dead holder's pid");
    }
}
