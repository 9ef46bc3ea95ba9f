package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.render.ApplyProgress;
import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.cli.render.OutputRenderer;
import dev.lockstep.cli.render.PlanTextRenderer;
import dev.lockstep.planner.ops.ApplyCallbacks;
import dev.lockstep.planner.ops.ApplyReport;
import dev.lockstep.planner.ops.ApplyRequest;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared body of {@code apply} and {@code destroy} on the command line: the core's apply, with
 * the plan shown, the confirmation asked, progress printed and the result rendered.
 */
final class ApplyFlow {

    private ApplyFlow() {
    }

    static int run(Invocation inv, String command, VariableOptions variables, PlanFlags flags, LockOptions lock,
            boolean destroy, boolean autoApprove, Path planFile) {
        PlanOptions options = planFile != null ? null : Args.planOptions(flags, destroy, inv.err());
        Workspace ws = planFile == null && options == null ? null : inv.open(flags.allowLockout);
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        PrintWriter out = inv.out();
        Callbacks callbacks = new Callbacks(inv, ws, destroy);
        Outcome<ApplyReport> o;
        try {
            o = ws.operations().apply(new ApplyRequest(command, options, planFile, variables.inputs(),
                    lock.timeout(), autoApprove), callbacks);
        } finally {
            callbacks.restoreSignals();
        }
        ApplyReport report = o instanceof Outcome.Failed<ApplyReport> f ? f.partial() : o.result();
        int code = inv.finish(o);
        if (report == null) {
            return code;
        }
        if (report.nothingToDo()) {
            if (!report.fromSavedPlan()) {
                out.println();
            }
            out.println("Nothing to apply.");
        } else if (o.ok()) {
            out.println();
            int[] sm = report.plan().summary();
            out.println(inv.style().green(report.plan().mode() == PlanMode.DESTROY
                    ? "Destroy complete! Resources: " + sm[2] + " destroyed."
                    : "Apply complete! Resources: " + sm[0] + " added, " + sm[1] + " changed, " + sm[2] + " destroyed."));
            OutputRenderer.text(report.outputs(), out, true);
        } else if (!report.interrupted()) {
            out.println();
            out.println(inv.style().boldRed("Apply failed.") + " " + report.succeeded() + " operations succeeded and "
                    + "were saved, " + report.failed() + " failed, " + report.skipped() + " not started.");
        }
        out.flush();
        return code;
    }

    /** The command line's side of an apply: plan text, a terminal confirmation, progress, interrupts. */
    private static final class Callbacks implements ApplyCallbacks {
        private final Invocation inv;
        private final Workspace ws;
        private final boolean destroy;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private Interrupts interrupts;

        Callbacks(Invocation inv, Workspace ws, boolean destroy) {
            this.inv = inv;
            this.ws = ws;
            this.destroy = destroy;
        }

        @Override
        public void planned(Plan plan) {
            new PlanTextRenderer(inv.style(), BodySchemas.of(ws)).render(plan, inv.out());
        }

        @Override
        public boolean confirm(Plan plan) {
            return ApplyFlow.confirm(inv.out(), inv.err(), destroy);
        }

        @Override
        public void applying(Plan plan) {
            interrupts = Interrupts.install(cancelled, inv.err());
            inv.out().println();
        }

        /** Puts the JVM's own signal handlers back once the apply is over. */
        void restoreSignals() {
            if (interrupts != null) {
                interrupts.restore();
            }
        }

        @Override
        public ApplyListener progress() {
            return new ApplyProgress(inv.out(), inv.style());
        }

        @Override
        public AtomicBoolean cancelled() {
            return cancelled;
        }
    }

    private static boolean confirm(PrintWriter out, PrintWriter err, boolean destroy) {
        if (System.console() == null) {
            err.println("error: " + (destroy ? "Destroy" : "Apply") + " requires confirmation, and standard input is "
                    + "not a terminal. Run with --auto-approve, or apply a saved plan (lockstep apply FILE).");
            err.flush();
            return false;
        }
        out.println();
        out.println(destroy ? "Do you really want to destroy all resources?" : "Do you want to perform these actions?");
        out.println("  lockstep will perform the actions described above.");
        out.println("  Only 'yes' will be accepted to approve.");
        out.println();
        out.print("  Enter a value: ");
        out.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if ("yes".equals(line == null ? null : line.trim())) {
                return true;
            }
        } catch (java.io.IOException e) {
            // treated as no
        }
        out.println();
        out.println((destroy ? "Destroy" : "Apply") + " cancelled.");
        out.flush();
        return false;
    }
}
