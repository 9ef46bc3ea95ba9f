package dev.lockstep.cli.log;

import dev.lockstep.api.log.SecretScrubber;
import dev.lockstep.state.local.SecureFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Where every log message of the process goes, lockstep's and the SDKs' alike: standard error at
 * or above {@code LOCKSTEP_LOG} (default {@code warn}), and the file {@code LOCKSTEP_LOG_FILE} at
 * or above {@code debug} when set (created 0600, its directory 0700 when missing: it can hold
 * more than standard error shows). Every message passes through {@link SecretScrubber} first.
 */
public final class LogSink {

    /** Message levels, most detailed first. */
    public enum Level {
        TRACE, DEBUG, INFO, WARN, ERROR, OFF
    }

    private static final LogSink INSTANCE = new LogSink(System.getenv("LOCKSTEP_LOG"),
            System.getenv("LOCKSTEP_LOG_FILE"));

    private final Level stderrLevel;
    private final Path file;
    private final PrintStream stderr = System.err;

    LogSink(String level, String file) {
        Level l = Level.WARN;
        if (level != null && !level.isBlank()) {
            try {
                l = Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                l = Level.WARN;
            }
        }
        this.stderrLevel = l;
        this.file = file == null || file.isBlank() ? null : Path.of(file);
    }

    public static LogSink get() {
        return INSTANCE;
    }

    public boolean enabled(Level level) {
        return level.compareTo(stderrLevel) >= 0 || (file != null && level.compareTo(Level.DEBUG) >= 0);
    }

    /**
     * Loggers that print request and response bodies or headers (wire logs): they carry
     * credentials and secrets before lockstep can know to scrub them, so they are never written.
     */
    private static final java.util.List<String> WIRE_LOGGERS = java.util.List.of("org.apache.http.wire",
            "org.apache.http.headers", "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers",
            "okhttp3.logging", "software.amazon.awssdk.request", "software.amazon.awssdk.http.wire",
            "jdk.internal.httpclient.debug", "jdk.internal.httpclient.hpack.debug", "io.fabric8.kubernetes.client.http",
            // the sandbox's emulators stand for remote systems: their internals (stored objects) are not lockstep's log
            "io.fabric8.kubernetes.client.server.mock", "io.fabric8.mockwebserver", "okhttp3.mockwebserver",
            "dev.lockstep.sandbox");

    /** Whether a logger's output is withheld entirely (wire logs). */
    public static boolean withheld(String logger) {
        if (logger == null) {
            return false;
        }
        for (String w : WIRE_LOGGERS) {
            if (logger.startsWith(w)) {
                return true;
            }
        }
        return false;
    }

    /** Writes one message (scrubbed) where its level says. */
    public void log(Level level, String logger, String message, Throwable t) {
        if (!enabled(level) || withheld(logger)) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(level.name().toLowerCase(Locale.ROOT)).append(": ");
        if (logger != null && !logger.isEmpty()) {
            sb.append('[').append(shorten(logger)).append("] ");
        }
        sb.append(message == null ? "" : message);
        if (t != null) {
            sb.append(" (").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            sb.append(')');
        }
        String line = SecretScrubber.scrub(sb.toString());
        if (level.compareTo(stderrLevel) >= 0) {
            synchronized (stderr) {
                stderr.println(line);
            }
        }
        if (file != null) {
            synchronized (this) {
                try (FileChannel ch = SecureFiles.openForAppend(file)) {
                    ByteBuffer buf = ByteBuffer.wrap((Instant.now() + " " + line + System.lineSeparator())
                            .getBytes(StandardCharsets.UTF_8));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                } catch (IOException e) {
                    // a log that cannot be written must not break the command
                }
            }
        }
    }

    private static String shorten(String logger) {
        int i = logger.lastIndexOf('.');
        return i < 0 ? logger : logger.substring(i + 1);
    }
}
