package dev.lockstep.cli.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that formats, scrubs secrets from and writes every message through {@link LogSink}. */
final class ScrubbingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    ScrubbingLogger(String name) {
        this.name = name;
    }

    private static LogSink.Level map(Level l) {
        return LogSink.Level.valueOf(l.name());
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        String msg = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        LogSink.get().log(map(level), name, msg, throwable);
    }

    @Override
    public boolean isTraceEnabled() {
        return !LogSink.withheld(name) && LogSink.get().enabled(LogSink.Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return !LogSink.withheld(name) && LogSink.get().enabled(LogSink.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return !LogSink.withheld(name) && LogSink.get().enabled(LogSink.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return !LogSink.withheld(name) && LogSink.get().enabled(LogSink.Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return !LogSink.withheld(name) && LogSink.get().enabled(LogSink.Level.ERROR);
    }
}
