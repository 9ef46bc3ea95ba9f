package dev.lockstep.state.backend;

/**
 * The state could not be read or written (I/O failure, corrupt or unsupported file). The message
 * is user-facing: it names the file and what to do.
 */
public class StateException extends Exception {

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
