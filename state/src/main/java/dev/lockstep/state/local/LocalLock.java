package dev.lockstep.state.local;

import dev.lockstep.state.FileProblem;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.codec.LockInfoJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A held local lock: the OS lock on {@code state.lock} plus the info in {@code lock.json}, whose
 * {@code expires} a daemon thread renews every third of the TTL. Closing deletes the info, then
 * releases the OS lock (in that order, so a new holder's info is never deleted).
 */
final class LocalLock implements Lock {

    private static final ScheduledExecutorService RENEWAL = renewalExecutor();

    private final LocalLocker locker;
    private final Path key;
    private final FileChannel channel;
    private final FileLock fileLock;
    private volatile LockInfo info;
    private ScheduledFuture<?> renewal;
    private boolean released;

    LocalLock(LocalLocker locker, Path key, FileChannel channel, FileLock fileLock, LockInfo info) {
        this.locker = locker;
        this.key = key;
        this.channel = channel;
        this.fileLock = fileLock;
        this.info = info;
    }

    private static ScheduledExecutorService renewalExecutor() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lockstep-lock-renewal");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    void startRenewal() {
        long period = Math.max(10, locker.ttl().toMillis() / 3);
        renewal = RENEWAL.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        synchronized (LocalLocker.HELD) {
            if (released) {
                return;
            }
            LockInfo i = info;
            LockInfo next = i.renewedUntil(Instant.now().plus(locker.ttl()));
            info = next; // first, so the file is never ahead of what info() reports
            try {
                FileOps.replace(locker.infoFile(), LockInfoJson.encode(next), false);
            } catch (IOException e) {
                LocalBackend.LOG.log(System.Logger.Level.WARNING,
                        FileProblem.describe("renew the state lock info", locker.infoFile(), e));
            }
        }
    }

    @Override
    public LockInfo info() {
        return info;
    }

    @Override
    public void close() {
        synchronized (LocalLocker.HELD) {
            if (released) {
                return;
            }
            released = true;
            if (renewal != null) {
                renewal.cancel(false);
            }
            try {
                LockInfo onDisk = locker.readInfo();
                if (onDisk == null || onDisk.id().equals(info.id())) {
                    Files.deleteIfExists(locker.infoFile());
                }
            } catch (IOException e) {
                LocalBackend.LOG.log(System.Logger.Level.WARNING,
                        FileProblem.describe("delete the state lock info", locker.infoFile(), e));
            }
            try {
                fileLock.release();
            } catch (IOException e) {
                LocalBackend.LOG.log(System.Logger.Level.WARNING, "releasing the state lock: " + FileProblem.reason(e));
            }
            LocalLocker.closeQuietly(channel);
            LocalLocker.HELD.remove(key);
        }
    }
}
