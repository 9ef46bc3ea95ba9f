package dev.lockstep.planner.hcl.function;

/**
 * A function call failed because of its arguments. {@code argIndex} names the offending argument
 * (0-based, counting varargs) or is -1 when the call as a whole is at fault. The message is shown
 * to the user and must never contain an argument's value, which may be sensitive.
 */
public final class FunctionException extends Exception {

    private final int argIndex;

    public FunctionException(int argIndex, String message) {
        super(message, null, false, false);
        this.argIndex = argIndex;
    }

    public FunctionException(String message) {
        this(-1, message);
    }

    public int argIndex() {
        return argIndex;
    }
}
