package dev.lockstep.provider.databricks.client;

import dev.lockstep.api.log.Scrubber;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates an object without ever creating it twice. When a create fails ambiguously (a 5xx, a
 * 429 that outlived its retries, a connection lost after sending) the object may exist anyway:
 * before trying again the guard looks it up by its natural key or lockstep's address tag and
 * adopts what it finds. An "already exists" answer to a retry is resolved the same way.
 */
public final class CreateGuard {

    private static final int ATTEMPTS = 3;

    private CreateGuard() {
    }

    /**
     * @param scrubber removes the request's secrets from what is logged
     * @param attempt sends the create and returns the new object's id
     * @param lookup finds the object by natural key or tag, if it exists
     */
    public static String create(DatabricksClient c, String what, Scrubber scrubber, Supplier<String> attempt,
            Supplier<Optional<String>> lookup) {
        boolean retrying = false;
        for (int i = 1;; i++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                boolean ambiguous = Errors.isAmbiguous(e);
                if (!ambiguous && !(retrying && Errors.isAlreadyExists(e))) {
                    throw e;
                }
                c.log().warn("databricks: creating " + what + " failed (" + Errors.describe(e, scrubber)
                        + "); looking it up before trying again");
                c.sleeper().sleepUninterruptibly(Duration.ofMillis(200L * i));
                Optional<String> found = lookup.get();
                if (found.isPresent()) {
                    c.log().info("databricks: " + what + " was created by the failed request (" + found.get()
                            + "); adopting it");
                    return found.get();
                }
                if (i >= ATTEMPTS || !ambiguous) {
                    throw e;
                }
                retrying = true;
            }
        }
    }
}
