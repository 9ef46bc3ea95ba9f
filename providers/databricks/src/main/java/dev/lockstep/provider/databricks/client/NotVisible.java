package dev.lockstep.provider.databricks.client;

/**
 * An object that was just written does not show in a list yet; {@link Errors#isNotFound} treats
 * it as "does not exist", so {@link DatabricksClient#untilVisible} retries it.
 */
public final class NotVisible extends RuntimeException {

    public NotVisible(String what) {
        super(what + " is not visible yet");
    }
}
