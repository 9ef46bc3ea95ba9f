package dev.lockstep.provider.kubernetes.testing;

import dev.lockstep.api.provider.ProviderLog;
import java.util.List;

/** A provider log that records each line, prefixed with its level ({@code "info: ..."}), in a list. */
public final class RecordingLog implements ProviderLog {

    private final List<String> lines;

    public RecordingLog(List<String> lines) {
        this.lines = lines;
    }

    @Override
    public void debug(String message) {
        lines.add("debug: " + message);
    }

    @Override
    public void info(String message) {
        lines.add("info: " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("warn: " + message);
    }
}
