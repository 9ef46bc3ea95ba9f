package dev.lockstep.cli.log;

import dev.lockstep.api.provider.ProviderLog;

/** The {@link ProviderLog} the command line gives providers: their messages go to {@link LogSink}, scrubbed. */
public final class CliProviderLog implements ProviderLog {

    private final String provider;

    public CliProviderLog(String provider) {
        this.provider = provider;
    }

    @Override
    public void debug(String message) {
        LogSink.get().log(LogSink.Level.DEBUG, "provider." + provider, message, null);
    }

    @Override
    public void info(String message) {
        LogSink.get().log(LogSink.Level.INFO, "provider." + provider, message, null);
    }

    @Override
    public void warn(String message) {
        LogSink.get().log(LogSink.Level.WARN, "provider." + provider, message, null);
    }
}
