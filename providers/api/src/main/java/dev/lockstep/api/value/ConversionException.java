package dev.lockstep.api.value;

/**
 * A value could not be converted to the wanted type. The message is user-facing and is phrased
 * as HCL's reference implementation phrases it ("element 0: string required"). It never contains
 * the value itself, so that sensitive values cannot leak through it.
 */
public final class ConversionException extends Exception {

    public ConversionException(String message) {
        super(message, null, false, false);
    }
}
