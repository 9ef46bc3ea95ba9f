package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.provider.databricks.client.Sleeper;
import dev.lockstep.sandbox.http.RequestLog;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads against the emulator's injected server errors: a read changes nothing, so a 500 is retried
 * (the plan goes on), and a read that keeps failing says that it failed and that nothing changed.
 * The provider runs on a fake clock; its first retry wait can end the fault (as a blip would).
 */
class ReadRetryTest extends EmulatorTest {

    /** Real time plus whatever was slept; waits of a retry (250 ms and more) run {@code onRetry}. */
    static final class FakeTime implements Sleeper {
        long offset;
        volatile Runnable onRetry = () -> { };

        @Override
        public long nanoTime() {
            return System.nanoTime() + offset;
        }

        @Override
        public synchronized void sleep(Duration d) {
            offset += d.toNanos();
            if (d.toMillis() >= 250) {
                onRetry.run();
            }
        }
    }

    @AfterEach
    void noFaults() {
        emulator.faults().reset();
    }

    /** Makes every request fail; the first one with a 500 (the emulator draws 500 or 503 at random). */
    static void everyRequestFailsFirstWith500() {
        for (long seed = 0; ; seed++) {
            Random r = new Random(seed);
            r.nextDouble();
            if (r.nextBoolean()) {
                emulator.faults().serverErrorRate(1.0, seed);
                return;
            }
        }
    }

    @Test
    void oneServerErrorOnAReadIsRetried() {
        FakeTime time = new FakeTime();
        DatabricksProvider p = open(SETTINGS, emulator.adminToken(), time);
        try {
            Spi s = new Spi(p);
            Spi.Instance token = s.converge(Spi.addr("databricks_token", "blip"), null, s.config("databricks_token",
                    "comment = \"blip\"\nlifetime_seconds = 600\n"));
            time.onRetry = () -> emulator.faults().reset();
            emulator.requestLog().reset();
            everyRequestFailsFirstWith500();
            Spi.Instance read = s.refresh(token);
            assertNotNull(read, "the token is read after the retry");
            assertEquals(token.id(), read.id());
            RequestLog.Snapshot log = emulator.requestLog().snapshot();
            assertEquals(1, log.count("GET /api/2.0/token/list", 500), "one 500 ...");
            assertEquals(1, log.count("GET /api/2.0/token/list", 200), "... then the retry's answer");
            assertFalse(s.delete(read).hasErrors());
        } finally {
            p.close();
        }
    }

    @Test
    void aReadThatKeepsFailingSaysTheReadFailedAndNothingChanged() {
        FakeTime time = new FakeTime();
        DatabricksProvider p = open(SETTINGS, emulator.adminToken(), time);
        try {
            Spi s = new Spi(p);
            Spi.Instance token = s.converge(Spi.addr("databricks_token", "down"), null, s.config("databricks_token",
                    "comment = \"down\"\nlifetime_seconds = 600\n"));
            emulator.requestLog().reset();
            everyRequestFailsFirstWith500();
            long before = time.nanoTime();
            Diagnostics d = new Diagnostics();
            s.refreshWithDiagnostics(List.of(token), d, false);
            emulator.faults().reset();
            assertTrue(d.hasErrors(), "the read fails");
            Diagnostic e = d.iterator().next();
            assertEquals("Failed to read databricks_token objects", e.summary());
            assertTrue(e.detail().contains("The read kept failing until retry_timeout_seconds ran out; nothing was "
                    + "changed."), e.detail());
            assertFalse(e.detail().contains("may or may not"), e.detail());
            assertTrue(emulator.requestLog().snapshot().count("GET /api/2.0/token/list", 500)
                    + emulator.requestLog().snapshot().count("GET /api/2.0/token/list", 503) > 1, "retried");
            long waited = (time.nanoTime() - before) / 1_000_000_000L;
            assertTrue(waited >= 20 && waited <= 40, "bounded by retry_timeout_seconds = 30: " + waited + " s");
            assertFalse(s.delete(token).hasErrors());
        } finally {
            p.close();
        }
    }
}
