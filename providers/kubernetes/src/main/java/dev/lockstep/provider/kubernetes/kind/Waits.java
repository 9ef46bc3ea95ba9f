package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.provider.kubernetes.client.KubeApi;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for the waits some kinds perform after a create or a delete. */
public final class Waits {

    private final KubeApi api;
    private final ProviderLog log;
    private final Duration interval;

    public Waits(KubeApi api, ProviderLog log, Duration interval) {
        this.api = api;
        this.log = log;
        this.interval = interval;
    }

    public KubeApi api() {
        return api;
    }

    public ProviderLog log() {
        return log;
    }

    /** Polls {@code done} until it is true or {@code timeout} passed; returns whether it became true. */
    public boolean until(Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
