package dev.lockstep.cli.render;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.engine.ApplyListener;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints one line per operation as an apply proceeds, with the elapsed time, as Terraform does. */
public final class ApplyProgress implements ApplyListener {

    private final PrintWriter out;
    private final Style style;

    public ApplyProgress(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public synchronized void started(ResourceAddress address, Op op) {
        out.println(style.bold(address.toString()) + ": " + op.starting());
        out.flush();
    }

    @Override
    public synchronized void finished(ResourceAddress address, Op op, Duration elapsed, String id,
            Diagnostics diagnostics) {
        if (diagnostics.hasErrors()) {
            out.println(style.bold(address.toString()) + ": " + style.red("failed") + " after " + seconds(elapsed));
        } else {
            out.println(style.bold(address.toString()) + ": " + op.done() + " after " + seconds(elapsed)
                    + (id == null ? "" : " [id=" + id + "]"));
        }
        out.flush();
    }

    @Override
    public synchronized void skipped(ResourceAddress address, Op op, String why) {
        out.println(style.bold(address.toString()) + ": " + style.yellow("not started") + " (" + why + ")");
        out.flush();
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
    }
}
