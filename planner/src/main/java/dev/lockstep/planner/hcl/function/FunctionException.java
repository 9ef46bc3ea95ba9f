package dev.lockstep.planner.hcl.function;

/**
 * A function call failed because of its arguments. {@code argIndex} names the offending argument
 * (0-based, counting varargs) or is -1 when the call as a whole is at fault. The message is shown
 * to the user and must never contain an argument's value, which may be sensitive.
 *
 * <p>A function body throws the bare reason ({@code "must pass at least one number."});
 * {@link Function#call} words argument failures the way Terraform does ({@code Invalid value for
 * "num" parameter: ...}) and sets {@link #summary()} to the diagnostic summary Terraform uses for
 * the kind of failure. The message of a failure of the call as a whole stays the bare reason: the
 * evaluator shows it as {@code Call to function "max" failed: <message>}.
 */
public final class FunctionException extends Exception {

    /** Summary for an argument that is wrong: its type, its null-ness or its content. */
    public static final String INVALID_ARGUMENT = "Invalid function argument";
    /** Summary for a failure of the call as a whole. */
    public static final String CALL_FAILED = "Error in function call";
    /** Summary for a call with too few arguments. */
    public static final String NOT_ENOUGH_ARGUMENTS = "Not enough function arguments";
    /** Summary for a call with too many arguments. */
    public static final String TOO_MANY_ARGUMENTS = "Too many function arguments";

    private final int argIndex;
    private final String summary;
    private final boolean qualified;

    public FunctionException(int argIndex, String message) {
        this(argIndex, message, argIndex >= 0 ? INVALID_ARGUMENT : CALL_FAILED, false);
    }

    public FunctionException(String message) {
        this(-1, message);
    }

    private FunctionException(int argIndex, String message, String summary, boolean qualified) {
        super(message, null, false, false);
        this.argIndex = argIndex;
        this.summary = summary;
        this.qualified = qualified;
    }

    /** A complete, already qualified failure with an explicit diagnostic summary. */
    public static FunctionException qualified(int argIndex, String summary, String message) {
        return new FunctionException(argIndex, message, summary, true);
    }

    public int argIndex() {
        return argIndex;
    }

    /** The diagnostic summary: one of the constants of this class. */
    public String summary() {
        return summary;
    }

    /** Whether the message already names the function or parameter it is about. */
    public boolean isQualified() {
        return qualified;
    }
}
