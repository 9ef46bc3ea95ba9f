package dev.lockstep.cli.render;

import dev.lockstep.planner.hcl.print.ConsoleFormat;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.backend.SnapshotInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The recorded state as text: one instance as {@code state show} prints it, and the history table. */
public final class StateText {

    private StateText() {
    }

    /** An instance as {@code resource "type" "name" = {...}} under a comment naming its address and status. */
    public static void instance(ResourceInstance r, PrintWriter out) {
        out.println("# " + r.address() + (r.status() == ResourceInstance.Status.READY ? ""
                : " (" + r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"));
        out.println("resource \"" + r.address().type() + "\" \"" + r.address().name() + "\" = "
                + ConsoleFormat.format(r.attributes()));
        out.println();
    }

    /** The kept versions, newest first. */
    public static void history(List<SnapshotInfo> versions, PrintWriter out) {
        out.println(String.format("%-7s %-24s %-22s %-12s %s", "SERIAL", "TIME", "USER", "COMMAND", "GIT"));
        for (SnapshotInfo i : versions) {
            out.println(String.format("%-7d %-24s %-22s %-12s %s", i.serial(), i.time(), i.user(), i.command(),
                    i.gitCommit() == null ? "-" : i.gitCommit().substring(0, Math.min(12, i.gitCommit().length())))
                    + (i.restoredFrom() == null ? "" : "  (restored from serial " + i.restoredFrom() + ")"));
        }
        out.flush();
    }
}
