package dev.lockstep.cli.render;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.plan.ApplyListener;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Prints one line per operation as an apply proceeds, with the elapsed time, as Terraform does.
 * On a terminal a live status line (done, running, failed, elapsed) stays at the bottom.
 */
public final class ApplyProgress implements ApplyListener {

    private final PrintWriter out;
    private final Style style;
    private final boolean live;
    private final long start = System.nanoTime();
    private int running;
    private int done;
    private int failed;

    public ApplyProgress(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
        this.live = style.enabled();
    }

    private void line(String s) {
        if (live) {
            out.print("\r\u001b[K");
        }
        out.println(s);
        if (live) {
            out.print(style.dim("  " + done + " done, " + running + " in progress" + (failed > 0 ? ", " + failed
                    + " failed" : "") + " (" + seconds(Duration.ofNanos(System.nanoTime() - start)) + ")"));
        }
        out.flush();
    }

    @Override
    public synchronized void started(ResourceAddress address, Op op) {
        running++;
        line(style.bold(address.toString()) + ": " + op.starting());
    }

    @Override
    public synchronized void finished(ResourceAddress address, Op op, Duration elapsed, String id,
            Diagnostics diagnostics) {
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
        line(style.bold(address.toString()) + ": " + style.yellow("not started") + " (" + why + ")");
        if (live) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
    }
}
