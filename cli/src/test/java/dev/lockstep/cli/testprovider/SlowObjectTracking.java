package dev.lockstep.cli.testprovider;

import java.util.List;

/** Test access to the slowtest provider's in-JVM call tracking. */
public final class SlowObjectTracking {

    private SlowObjectTracking() {
    }

    public static void reset() {
        SlowObject.resetTracking();
    }

    public static int maxInFlight() {
        return SlowObject.maxInFlight();
    }

    public static List<String> calls() {
        return SlowObject.calls();
    }
}
