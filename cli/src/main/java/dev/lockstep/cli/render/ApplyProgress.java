package dev.lockstep.cli.render;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.plan.ApplyListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints one line per operation as an apply proceeds, with the elapsed time, as Terraform does.
 * On a terminal a live status line (done, running, failed, elapsed) stays at the bottom; without
 * one (a CI log, or no colour) each operation still running prints Terraform's
 * {@code ADDR: Still creating... [10s elapsed]} every {@link #INTERVAL}, so that a long operation
 * shows it is alive.
 */
public final class ApplyProgress implements ApplyListener {

    /** How often an operation still running says so (Terraform's period). */
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final Style style;
    private final boolean live;
    private final ProgressTimer timer;
    private final Duration interval;
    private final long start;
    private final Map<Key, ProgressTimer.Repeating> still = new HashMap<>();
    private int running;
    private int done;
    private int failed;

    private record Key(ResourceAddress address, Op op) {
    }

    public ApplyProgress(PrintWriter out, Style style) {
        this(out, style, ProgressTimer.system(), INTERVAL);
    }

    /** With another clock and timer, and another period for the "Still ..." lines (tests). */
    public ApplyProgress(PrintWriter out, Style style, ProgressTimer timer, Duration interval) {
        this.out = out;
        this.style = style;
        this.live = style.enabled();
        this.timer = timer;
        this.interval = interval;
        this.start = timer.nanoTime();
    }

    private void line(String s) {
        if (live) {
            out.print("\r\u001b[K");
        }
        out.println(s);
        if (live) {
            out.print(style.dim("  " + done + " done, " + running + " in progress" + (failed > 0 ? ", " + failed
                    + " failed" : "") + " (" + seconds(Duration.ofNanos(timer.nanoTime() - start)) + ")"));
        }
        out.flush();
    }

    @Override
    public synchronized void started(ResourceAddress address, Op op) {
        running++;
        line(style.bold(address.toString()) + ": " + op.starting());
        if (!live) {
            Key key = new Key(address, op);
            long began = timer.nanoTime();
            ProgressTimer.Repeating before = still.put(key, timer.every(interval, () -> stillRunning(key, began)));
            if (before != null) {
                before.close();
            }
        }
    }

    private synchronized void stillRunning(Key key, long began) {
        if (still.containsKey(key)) {
            line(style.bold(key.address().toString()) + ": " + stillText(key.op()) + " ["
                    + seconds(Duration.ofNanos(timer.nanoTime() - began)) + " elapsed]");
        }
    }

    /** Terraform's words for an operation still running. */
    static String stillText(Op op) {
        return switch (op) {
            case CREATE -> "Still creating...";
            case UPDATE -> "Still modifying...";
            case DELETE -> "Still destroying...";
            case READ -> "Still reading...";
        };
    }

    private void stopped(ResourceAddress address, Op op) {
        ProgressTimer.Repeating r = still.remove(new Key(address, op));
        if (r != null) {
            r.close();
        }
    }

    @Override
    public synchronized void finished(ResourceAddress address, Op op, Duration elapsed, String id,
            Diagnostics diagnostics) {
        stopped(address, op);
        running--;
        if (diagnostics.hasErrors()) {
            failed++;
            line(style.bold(address.toString()) + ": " + style.red("failed") + " after " + seconds(elapsed));
        } else {
            done++;
            line(style.bold(address.toString()) + ": " + op.done() + " after " + seconds(elapsed)
                    + (id == null ? "" : " [id=" + id + "]"));
        }
        if (running == 0 && live) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    @Override
    public synchronized void skipped(ResourceAddress address, Op op, String why) {
        stopped(address, op);
        line(style.bold(address.toString()) + ": " + style.yellow("not started") + " (" + why + ")");
        if (live) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    /** A duration in whole seconds, written as Go (and so Terraform) writes it: 9s, 1m0s, 1h2m3s. */
    static String seconds(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
    }
}
