package dev.lockstep.secrets.testing;

import dev.lockstep.api.provider.ProviderLog;
import java.util.ArrayList;
import java.util.List;

/** A {@link ProviderLog} that keeps every line, prefixed with its level. */
public final class RecordingLog implements ProviderLog {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void debug(String message) {
        lines.add("debug " + message);
    }

    @Override
    public synchronized void info(String message) {
        lines.add("info " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("warn " + message);
    }

    /** Every line so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
