package dev.lockstep.state.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.testing.ChildMain;
import dev.lockstep.state.testing.Children;
import dev.lockstep.state.testing.SampleStates;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process journaling results is killed with SIGKILL at random points: every result it reported
 * as recorded must be in the state loaded afterwards, the serial must not go back and the lineage
 * must not change.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalCrashTest {

    @TempDir
    Path root;

    @Test
    void sigkillNeverLosesAnAcknowledgedEntry() throws Exception {
        Random rnd = new Random(Long.getLong("lockstep.seed", System.nanoTime()));
        for (int trial = 0; trial < 3; trial++) {
            Path dir = root.resolve("t" + trial + "/.lockstep");
            LocalBackend b = new LocalBackend(dir);
            State base = SampleStates.empty().withResource(SampleStates.instance("keep", "k")).withSerial(5);
            b.persist(base, LocalBackend.info("apply", null));

            int killAfter = 5 + rnd.nextInt(150);
            Process p = Children.start(ChildMain.class, "journal", dir.toString());
            BufferedReader out = Children.output(p);
            int acked = -1;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked = Integer.parseInt(line.substring(4));
                    if (acked == killAfter) {
                        // SIGKILL through the handle, which (unlike Process.destroyForcibly) leaves our end of
                        // the pipe open, so the lines the child wrote before it died can still be read
                        p.toHandle().destroyForcibly();
                    }
                } else {
                    System.out.println("child: " + line);
                }
            }
            p.waitFor();
            assertTrue(acked >= killAfter, "the child died early (" + acked + " acknowledged)");

            StateBackend.Loaded l = b.load();
            State s = l.state();
            assertTrue(l.recovered());
            assertEquals(base.lineage(), s.lineage());
            assertEquals(6, s.serial());
            assertNotNull(s.resource(ResourceAddress.managed("terraform_data", "keep")));
            for (int i = 0; i <= acked; i++) {
                assertNotNull(s.resource(ResourceAddress.managed("terraform_data", "r" + i)),
                        "trial " + trial + ": acknowledged r" + i + " lost (acked up to " + acked + ")");
            }
            // at most the one entry that was written but not yet reported can be there beyond that
            assertNull(s.resource(ResourceAddress.managed("terraform_data", "r" + (acked + 2))));

            try (Journal j = b.journal(s)) {
                assertEquals(7, j.commit(null, null).serial());
            }
            StateBackend.Loaded again = b.load();
            assertFalse(again.recovered());
            assertEquals(7, again.state().serial());
            assertEquals(s.resources(), again.state().resources());
        }
    }
}
