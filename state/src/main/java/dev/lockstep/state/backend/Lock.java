package dev.lockstep.state.backend;

/** A held state lock; closing it releases the lock. Renewal happens in the background while held. */
public interface Lock extends AutoCloseable {

    LockInfo info();

    /** Releases the lock; never throws (a failure to release is logged and the TTL expires it). */
    @Override
    void close();
}
