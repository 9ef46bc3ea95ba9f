package dev.lockstep.planner.plan;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import java.time.Duration;

/** Progress of an apply, one event per operation, for the command line's progress output and the audit log. */
public interface ApplyListener {

    /** The kinds of operation an apply performs on an instance. */
    enum Op {
        CREATE("Creating...", "Creation complete"),
        UPDATE("Modifying...", "Modifications complete"),
        DELETE("Destroying...", "Destruction complete"),
        READ("Reading...", "Read complete");

        private final String starting;
        private final String done;

        Op(String starting, String done) {
            this.starting = starting;
            this.done = done;
        }

        public String starting() {
            return starting;
        }

        public String done() {
            return done;
        }
    }

    ApplyListener NONE = new ApplyListener() {
        @Override
        public void started(ResourceAddress address, Op op) {
        }

        @Override
        public void finished(ResourceAddress address, Op op, Duration elapsed, String id, Diagnostics diagnostics) {
        }
    };

    void started(ResourceAddress address, Op op);

    /** An operation ended; {@code diagnostics} has errors when it failed. */
    void finished(ResourceAddress address, Op op, Duration elapsed, String id, Diagnostics diagnostics);

    /** An operation was not started because one it depends on failed or the apply was interrupted. */
    default void skipped(ResourceAddress address, Op op, String why) {
    }
}
