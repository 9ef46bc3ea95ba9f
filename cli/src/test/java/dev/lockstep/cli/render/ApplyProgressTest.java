package dev.lockstep.cli.render;

import dev.lockstep.planner.plan.ApplyListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.plan.ApplyListener.Op;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The progress lines of an apply: without a terminal, an operation still running says so every
 * ten seconds in Terraform 1.11's words ({@code terraform apply} of a {@code terraform_data} with a
 * {@code local-exec} of {@code sleep 21} prints {@code terraform_data.x: Still creating... [10s
 * elapsed]} and then {@code [20s elapsed]}), proved with a hand-advanced clock instead of waiting.
 */
class ApplyProgressTest {

    /** A clock and timer that move only when the test says so. */
    static final class ManualTimer implements ProgressTimer {
        private long now = 1_000_000_000_000L;
        private final List<Task> tasks = new ArrayList<>();

        private static final class Task {
            final long period;
            final Runnable run;
            long next;
            boolean closed;

            Task(long period, Runnable run, long next) {
                this.period = period;
                this.run = run;
                this.next = next;
            }
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Repeating every(Duration period, Runnable task) {
            Task t = new Task(period.toNanos(), task, now + period.toNanos());
            tasks.add(t);
            return () -> t.closed = true;
        }

        /** Moves the clock on, running every task that comes due on the way, in time order. */
        void advance(Duration d) {
            long until = now + d.toNanos();
            while (true) {
                Task due = null;
                for (Task t : tasks) {
                    if (!t.closed && t.next <= until && (due == null || t.next < due.next)) {
                        due = t;
                    }
                }
                if (due == null) {
                    break;
                }
                now = due.next;
                due.next += due.period;
                due.run.run();
            }
            now = until;
        }
    }

    private static final ResourceAddress NS = ResourceAddress.managed("kubernetes_namespace", "x");
    private static final ResourceAddress JOB = ResourceAddress.managed("databricks_job", "etl");
    private static final ResourceAddress ROLE = ResourceAddress.managed("kubernetes_role", "r").withKey(
            InstanceKey.of(0));
    private static final ResourceAddress DATA = ResourceAddress.data("vault_kv_secret", "db");

    @Test
    void withoutATerminalAnOperationStillRunningSaysSoEveryTenSeconds() {
        ManualTimer timer = new ManualTimer();
        StringWriter text = new StringWriter();
        ApplyProgress p = new ApplyProgress(new PrintWriter(text), Style.PLAIN, timer, ApplyProgress.INTERVAL);

        p.started(NS, Op.CREATE);
        timer.advance(Duration.ofSeconds(4));
        p.started(JOB, Op.UPDATE);
        p.started(ROLE, Op.DELETE);
        p.started(DATA, Op.READ);
        timer.advance(Duration.ofSeconds(9)); // 13s: the namespace's first 10 s are up
        p.finished(DATA, Op.READ, Duration.ofSeconds(9), null, new Diagnostics());
        timer.advance(Duration.ofSeconds(2)); // 15s
        p.finished(ROLE, Op.DELETE, Duration.ofSeconds(11), null, new Diagnostics());
        timer.advance(Duration.ofSeconds(60)); // 75s
        p.finished(NS, Op.CREATE, Duration.ofSeconds(75), "x", new Diagnostics());
        timer.advance(Duration.ofSeconds(3600)); // the job runs on past an hour
        p.finished(JOB, Op.UPDATE, Duration.ofMillis(3_671_500), null, new Diagnostics());
        timer.advance(Duration.ofSeconds(60)); // nothing running: nothing more

        List<String> expected = new ArrayList<>(List.of(
                "kubernetes_namespace.x: Creating...",
                "databricks_job.etl: Modifying...",
                "kubernetes_role.r[0]: Destroying...",
                "data.vault_kv_secret.db: Reading...",
                "kubernetes_namespace.x: Still creating... [10s elapsed]", // at 10s
                "data.vault_kv_secret.db: Read complete after 9s", // 13s
                "databricks_job.etl: Still modifying... [10s elapsed]", // 14s
                "kubernetes_role.r[0]: Still destroying... [10s elapsed]",
                "kubernetes_role.r[0]: Destruction complete after 11s")); // 15s
        for (String e : List.of("20s", "30s", "40s", "50s", "1m0s", "1m10s")) { // 20s, 24s, ... 70s, 74s
            expected.add("kubernetes_namespace.x: Still creating... [" + e + " elapsed]");
            expected.add("databricks_job.etl: Still modifying... [" + e + " elapsed]");
        }
        expected.add("kubernetes_namespace.x: Creation complete after 1m15s [id=x]"); // 75s
        for (int s = 80; s <= 3670; s += 10) {
            expected.add("databricks_job.etl: Still modifying... [" + ApplyProgress.seconds(Duration.ofSeconds(s))
                    + " elapsed]");
        }
        expected.add("databricks_job.etl: Modifications complete after 1h1m11s");
        assertEquals(String.join("\n", expected) + "\n", text.toString().replace(System.lineSeparator(), "\n"));
        assertTrue(expected.contains("databricks_job.etl: Still modifying... [59m50s elapsed]"));
        assertTrue(expected.contains("databricks_job.etl: Still modifying... [1h0m0s elapsed]"), "as Go writes it");
    }

    @Test
    void aSkippedOrFailedOperationStopsSayingItIsRunning() {
        ManualTimer timer = new ManualTimer();
        StringWriter text = new StringWriter();
        ApplyProgress p = new ApplyProgress(new PrintWriter(text), Style.PLAIN, timer, ApplyProgress.INTERVAL);
        p.started(NS, Op.CREATE);
        p.started(JOB, Op.CREATE);
        timer.advance(Duration.ofSeconds(10));
        p.finished(NS, Op.CREATE, Duration.ofSeconds(10), null, Diagnostics.of(
                dev.lockstep.api.diag.Diagnostic.error("boom", "detail", null)));
        p.skipped(JOB, Op.CREATE, "interrupted");
        timer.advance(Duration.ofSeconds(30));
        assertEquals("""
                kubernetes_namespace.x: Creating...
                databricks_job.etl: Creating...
                kubernetes_namespace.x: Still creating... [10s elapsed]
                databricks_job.etl: Still creating... [10s elapsed]
                kubernetes_namespace.x: failed after 10s
                databricks_job.etl: not started (interrupted)
                """, text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void onATerminalTheLiveStatusLineTakesTheirPlace() {
        ManualTimer timer = new ManualTimer();
        StringWriter text = new StringWriter();
        ApplyProgress p = new ApplyProgress(new PrintWriter(text), Style.COLOR, timer, ApplyProgress.INTERVAL);
        p.started(NS, Op.CREATE);
        timer.advance(Duration.ofSeconds(25));
        assertFalse(text.toString().contains("Still"), text.toString());
        p.finished(NS, Op.CREATE, Duration.ofSeconds(25), null, new Diagnostics());
        assertTrue(text.toString().contains("Creation complete after 25s"), text.toString());
    }

    /** The system timer really repeats (with a short period, so that the test does not wait 10 s). */
    @Test
    void theSystemTimerRepeatsUntilTheOperationEnds() throws Exception {
        StringWriter text = new StringWriter();
        ApplyProgress p = new ApplyProgress(new PrintWriter(text), Style.PLAIN, ProgressTimer.system(),
                Duration.ofMillis(20));
        p.started(NS, Op.CREATE);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count(text) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.finished(NS, Op.CREATE, Duration.ofMillis(70), null, new Diagnostics());
        long after;
        synchronized (p) {
            after = count(text);
        }
        assertTrue(after >= 3, text.toString());
        Thread.sleep(100);
        assertEquals(after, count(text), "no line after the operation ended:\n" + text);
        assertTrue(text.toString().contains("kubernetes_namespace.x: Still creating... [0s elapsed]\n"),
                text.toString());
    }

    private static long count(StringWriter text) {
        synchronized (text.getBuffer()) {
            return text.toString().lines().filter(l -> l.contains("Still creating...")).count();
        }
    }
}
