package dev.lockstep.api.provider;

/**
 * A provider's channel for debug and progress messages. The engine scrubs every known secret value
 * from each message before it is written anywhere.
 */
public interface ProviderLog {

    ProviderLog NONE = new ProviderLog() {
        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    void debug(String message);

    void info(String message);

    void warn(String message);
}
