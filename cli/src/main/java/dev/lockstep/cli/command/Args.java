package dev.lockstep.cli.command;

import dev.lockstep.planner.plan.PlanOptions;
import java.io.PrintWriter;

/** Turns option values into core requests, reporting a bad value as a usage error. */
final class Args {

    private Args() {
    }

    /** The plan options, or null after printing why they are invalid. */
    static PlanOptions planOptions(PlanFlags flags, boolean destroy, PrintWriter err) {
        try {
            return flags.options(destroy);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return null;
        }
    }
}
