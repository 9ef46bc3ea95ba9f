package dev.lockstep.state.local;

import dev.lockstep.state.FileProblem;
import dev.lockstep.state.Identity;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.Locker;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.backend.StateLockedException;
import dev.lockstep.state.codec.LockInfoJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local state lock. Mutual exclusion is an operating-system lock ({@link FileChannel#tryLock},
 * {@code fcntl} on Linux and macOS) on {@code .lockstep/state.lock}, which the kernel releases
 * when the holder exits in any way, {@code SIGKILL} included, so a crashed holder never blocks
 * anyone and no clock is trusted for safety. The holder's {@link LockInfo} is in
 * {@code .lockstep/lock.json}, written right after the lock is taken (prepared before, so the
 * window without info is a rename) and renewed every third of the TTL by a daemon thread while
 * held; it is deleted before the lock is released. A contender that fails to take the lock reads
 * the info and accepts it only if it is live (same host: the process exists and started before
 * the lock was taken, which rejects leftovers of a killed holder and reused pids; another host:
 * not expired); if no live info is there yet, the lock just changed hands and it looks again for
 * a few seconds before reporting. See docs/adr/0002-local-state-and-locking.md.
 */
public final class LocalLocker implements Locker {

    /** The default TTL of holder info. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    /** How long a contender waits for the holder's info to appear. */
    public static final Duration DEFAULT_INFO_GRACE = Duration.ofSeconds(5);
    /** The file the OS lock is taken on; never deleted, never read or written. */
    public static final String LOCK_FILE = "state.lock";
    /** The holder info. */
    public static final String INFO_FILE = "lock.json";

    static final long PID = ProcessHandle.current().pid();

    /**
     * Locks held by this JVM, by the real path of their lock file. POSIX record locks belong to the
     * process, and closing any channel on the file drops them all, so this JVM must never open the
     * lock file of a lock it already holds: everything touching lock files synchronizes on this map.
     */
    static final Map<Path, LocalLock> HELD = new HashMap<>();

    private final Path dir;
    private final Path lockFile;
    private final Path infoFile;
    private final String configPath;
    private final String version;
    private final Duration ttl;
    private final Duration infoGrace;

    public LocalLocker(Path lockstepDir, String configPath, String version, Duration ttl) {
        this(lockstepDir, configPath, version, ttl, DEFAULT_INFO_GRACE);
    }

    public LocalLocker(Path lockstepDir, String configPath, String version, Duration ttl, Duration infoGrace) {
        this.dir = Objects.requireNonNull(lockstepDir, "lockstepDir");
        this.lockFile = dir.resolve(LOCK_FILE);
        this.infoFile = dir.resolve(INFO_FILE);
        this.configPath = configPath;
        this.version = version;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the lock TTL must be positive");
        }
        this.ttl = ttl;
        this.infoGrace = infoGrace;
    }

    Duration ttl() {
        return ttl;
    }

    Path infoFile() {
        return infoFile;
    }

    @Override
    public Lock acquire(String operation, Duration timeout) throws StateException {
        return acquire(operation, null, timeout);
    }

    @Override
    public Lock acquire(String operation, String planDigest, Duration timeout) throws StateException {
        Objects.requireNonNull(operation, "operation");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative lock timeout");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long graceEnd = 0;
        boolean inGrace = false;
        long backoff = 25;
        while (true) {
            Lock l = tryOnce(operation, planDigest);
            if (l != null) {
                return l;
            }
            LockInfo holder = liveHolder();
            long now = System.nanoTime();
            if (holder == null) {
                // locked, but the holder's info is not there yet (or is a dead holder's leftover)
                if (!inGrace) {
                    inGrace = true;
                    graceEnd = now + infoGrace.toNanos();
                }
                if (now - graceEnd >= 0 && now - deadline >= 0) {
                    throw new StateLockedException(null);
                }
                sleep(10);
                continue;
            }
            inGrace = false;
            if (now - deadline >= 0) {
                throw new StateLockedException(holder);
            }
            long jitter = ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            sleep(Math.min(backoff + jitter, Math.max(1, (deadline - now) / 1_000_000)));
            backoff = Math.min(backoff * 2, 1000);
        }
    }

    private static void sleep(long ms) throws StateException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting for the state lock", e);
        }
    }

    /** One attempt: the lock, or null when another holder has it. */
    private Lock tryOnce(String operation, String planDigest) throws StateException {
        synchronized (HELD) {
            Path key = prepareLockFile();
            if (HELD.containsKey(key)) {
                return null;
            }
            Instant now = Instant.now();
            LockInfo info = new LockInfo(UUID.randomUUID().toString(), Identity.userAtHost(), operation, now,
                    configPath, version, PID, now.plus(ttl), planDigest);
            byte[] bytes = LockInfoJson.encode(info);
            FileChannel ch = null;
            try {
                ch = SecureFiles.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock fl;
                try {
                    fl = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    fl = null;
                }
                if (fl == null) {
                    ch.close();
                    return null;
                }
                try {
                    FileOps.replace(infoFile, bytes, false);
                } catch (IOException e) {
                    fl.release();
                    throw e;
                }
                LocalLock lock = new LocalLock(this, key, ch, fl, info);
                HELD.put(key, lock);
                lock.startRenewal();
                return lock;
            } catch (IOException e) {
                closeQuietly(ch);
                throw new StateException(FileProblem.describe("take the state lock", lockFile, e), e);
            }
        }
    }

    private Path prepareLockFile() throws StateException {
        try {
            SecureFiles.createDirectories(dir);
            if (!Files.exists(lockFile)) {
                try {
                    Files.createFile(lockFile, SecureFiles.privateFile());
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // created by a contender meanwhile
                }
            }
            return lockFile.toRealPath();
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("create the state lock file", lockFile, e), e);
        }
    }

    private Path heldKey() {
        try {
            return Files.exists(lockFile) ? lockFile.toRealPath() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LocalBackend.LOG.log(System.Logger.Level.WARNING, "closing the lock file: " + FileProblem.reason(e));
            }
        }
    }

    /** The holder's info if it is live, this JVM's own lock included; null otherwise. */
    private LockInfo liveHolder() {
        synchronized (HELD) {
            Path key = heldKey();
            LocalLock mine = key == null ? null : HELD.get(key);
            if (mine != null) {
                return mine.info();
            }
        }
        LockInfo i = readInfo();
        return i != null && isLive(i) ? i : null;
    }

    /** The info file's content, or null when there is none (or it is unreadable). */
    LockInfo readInfo() {
        try {
            return LockInfoJson.decode(Files.readAllBytes(infoFile));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether holder info can belong to a current holder: on this host, its process must exist
     * (and not be this one, which would have it in {@link #HELD}) and have started before the
     * lock was taken; from another host (a shared directory), it must not have expired.
     */
    static boolean isLive(LockInfo i) {
        if (!hostOf(i.who()).equals(hostOf(Identity.userAtHost()))) {
            return Instant.now().isBefore(i.expires());
        }
        if (i.pid() == PID) {
            return false;
        }
        Optional<ProcessHandle> ph = ProcessHandle.of(i.pid());
        if (ph.isEmpty() || !ph.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = ph.get().info().startInstant();
        return start.isEmpty() || !start.get().isAfter(i.created().plusSeconds(2));
    }

    private static String hostOf(String who) {
        int at = who.lastIndexOf('@');
        return at < 0 ? who : who.substring(at + 1);
    }

    @Override
    public Optional<LockInfo> current() {
        return Optional.ofNullable(liveHolder());
    }

    @Override
    public void forceUnlock(String id) throws StateException {
        Objects.requireNonNull(id, "id");
        synchronized (HELD) {
            Path key = heldKey();
            LocalLock mine = key == null ? null : HELD.get(key);
            LockInfo onDisk = readInfo();
            LockInfo current = mine != null ? mine.info() : onDisk;
            if (current == null) {
                throw new StateException("the state in " + dir + " is not locked");
            }
            if (!current.id().equals(id)) {
                throw new StateException("lock id " + id + " does not match the current lock, whose id is " + current.id()
                        + " (" + current.describe() + "); force-unlock needs the exact id");
            }
            if (mine != null) {
                mine.close();
                return;
            }
            FileChannel ch = null;
            try {
                ch = SecureFiles.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock fl = ch.tryLock();
                if (fl != null) {
                    // the holder is gone: what is left is its info
                    try {
                        LockInfo again = readInfo();
                        if (again != null && again.id().equals(id)) {
                            Files.deleteIfExists(infoFile);
                        }
                    } finally {
                        fl.release();
                    }
                    return;
                }
            } catch (IOException e) {
                throw new StateException(FileProblem.describe("check the state lock", lockFile, e), e);
            } catch (OverlappingFileLockException e) {
                throw new StateException("cannot check the state lock " + lockFile + ": this process holds it", e);
            } finally {
                closeQuietly(ch);
            }
            throw new StateException("lock " + id + " is held by a running process: " + current.describe()
                    + ". The local lock is an operating-system lock that no other process can break; stop that "
                    + "process (pid " + current.pid() + " on " + hostOf(current.who())
                    + ") and the lock is released as it exits, even if it is killed.");
        }
    }
}
