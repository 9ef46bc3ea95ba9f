package dev.lockstep.cli.log;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Routes java.util.logging (used by the Vault driver and the JDK) through {@link LogSink}, scrubbed. */
public final class JulBridge extends Handler {

    private JulBridge() {
    }

    /** Replaces the JUL root handlers with this bridge. */
    public static void install() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(java.util.logging.Level.ALL);
        root.addHandler(new JulBridge());
    }

    @Override
    public void publish(LogRecord r) {
        LogSink.Level level = level(r.getLevel());
        if (!LogSink.get().enabled(level)) {
            return;
        }
        String msg = r.getMessage();
        if (msg != null && r.getParameters() != null && r.getParameters().length > 0) {
            try {
                msg = java.text.MessageFormat.format(msg, r.getParameters());
            } catch (IllegalArgumentException e) {
                // keep the raw pattern
            }
        }
        LogSink.get().log(level, r.getLoggerName(), msg, r.getThrown());
    }

    private static LogSink.Level level(java.util.logging.Level l) {
        int v = l.intValue();
        if (v >= java.util.logging.Level.SEVERE.intValue()) {
            return LogSink.Level.ERROR;
        }
        if (v >= java.util.logging.Level.WARNING.intValue()) {
            return LogSink.Level.WARN;
        }
        if (v >= java.util.logging.Level.INFO.intValue()) {
            return LogSink.Level.INFO;
        }
        if (v >= java.util.logging.Level.FINE.intValue()) {
            return LogSink.Level.DEBUG;
        }
        return LogSink.Level.TRACE;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
