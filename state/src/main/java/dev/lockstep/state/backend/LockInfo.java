package dev.lockstep.state.backend;

import java.time.Instant;

/**
 * Who holds a state lock and why. {@code expires} is renewed while the lock is held; a holder
 * that stops renewing (a crashed process) loses the lock once it passes.
 *
 * @param id unique lock id, needed by {@code force-unlock}
 * @param who user@host of the holder
 * @param operation the command, such as {@code apply}
 * @param created when the lock was taken
 * @param path the configuration directory
 * @param version the holder's lockstep version
 * @param pid the holder's process id
 * @param expires when the lock lapses unless renewed
 * @param planDigest the digest of the saved plan the holder applies, or null
 */
public record LockInfo(String id, String who, String operation, Instant created, String path, String version,
        long pid, Instant expires, String planDigest) {

    /** Holder info without a plan. */
    public LockInfo(String id, String who, String operation, Instant created, String path, String version, long pid,
            Instant expires) {
        this(id, who, operation, created, path, version, pid, expires, null);
    }

    /** The same info with another expiry (a renewal). */
    public LockInfo renewedUntil(Instant until) {
        return new LockInfo(id, who, operation, created, path, version, pid, until, planDigest);
    }

    /** One line for messages: who, what, since when, and the id. */
    public String describe() {
        return who + " (" + operation + (planDigest == null ? "" : " of plan " + planDigest) + ", pid " + pid
                + ", since " + created + ", lock id " + id + ")";
    }
}
