package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.VersionInfo;
import dev.lockstep.cli.render.ApplyProgress;
import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.cli.render.OutputRenderer;
import dev.lockstep.cli.render.PlanTextRenderer;
import dev.lockstep.planner.engine.PlanOptions;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.state.Identity;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.local.GitHead;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared body of {@code apply} and {@code destroy}: plan (or take a saved plan), show it, ask
 * for confirmation, apply with progress, save the state and report.
 */
final class ApplyFlow {

    private ApplyFlow() {
    }

    static int run(Lockstep root, picocli.CommandLine.Model.CommandSpec spec, String operation,
            VariableOptions variables, PlanFlags flags, LockOptions lock, boolean destroy, boolean autoApprove,
            java.nio.file.Path planFile) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace ws = Workspace.open(root);
        ws.allowLockout(flags.allowLockout);
        PlanFiles.Loaded saved = null;
        if (planFile != null) {
            saved = PlanFiles.load(planFile, err);
            if (saved == null) {
                return ExitCode.PLAN_REFUSED.code();
            }
        }
        PlanOptions options = saved != null ? saved.options() : Args.planOptions(flags, destroy, err);
        if (options == null) {
            return ExitCode.ERROR.code();
        }
        VariableOptions vars = saved != null ? variables.withFixed(saved.variables().fixedValues()) : variables;
        int[] code = {0};
        try (Session s = ws.session(operation, vars, true, lock.timeout(), err, code)) {
            if (s == null) {
                return code[0];
            }
            Planner.Result r = s.plan(options);
            ws.printDiagnostics(r.diagnostics(), s.config().sources(), err);
            if (r.diagnostics().hasErrors()) {
                return ExitCode.ERROR.code();
            }
            if (saved != null) {
                String refusal = PlanFiles.verify(saved, s, r);
                if (refusal != null) {
                    err.println(root.style().boldRed("error") + ": " + root.style().bold("Saved plan is stale"));
                    err.println("  " + refusal);
                    err.println("  Run `lockstep plan -o FILE` again and apply the new plan.");
                    err.flush();
                    return ExitCode.PLAN_REFUSED.code();
                }
            } else {
                new PlanTextRenderer(root.style(), BodySchemas.of(ws.schemas())).render(r.plan(), out);
            }
            if (!r.plan().hasChanges()) {
                s.persistRecovered(new SnapshotInfo(0, Instant.now(), Identity.userAtHost(), operation, null,
                        GitHead.commitOf(ws.dir()).orElse(null), VersionInfo.version()));
                if (saved == null) {
                    out.println();
                }
                out.println("Nothing to apply.");
                out.flush();
                return ExitCode.OK.code();
            }
            if (saved == null && !autoApprove && !confirm(out, err, destroy)) {
                return ExitCode.ERROR.code();
            }
            AtomicBoolean cancelled = new AtomicBoolean();
            Interrupts interrupts = Interrupts.install(cancelled, err);
            out.println();
            SnapshotInfo info = new SnapshotInfo(0, Instant.now(), Identity.userAtHost(), operation,
                    saved == null ? null : saved.digest(), GitHead.commitOf(ws.dir()).orElse(null),
                    VersionInfo.version());
            Session.Applied applied = s.apply(options, r, options.parallelism(), new ApplyProgress(out, root.style()),
                    cancelled, info);
            interrupts.restore();
            Audit.applied(ws, operation, info, r.plan(), applied, s.lock());
            ws.printDiagnostics(applied.diagnostics(), s.config().sources(), err);
            out.println();
            int[] sm = r.plan().summary();
            if (applied.result().interrupted()) {
                err.println("Apply interrupted: " + applied.result().succeeded() + " operations completed and saved, "
                        + applied.result().skipped() + " not started.");
                err.flush();
                return ExitCode.ERROR.code();
            }
            if (applied.diagnostics().hasErrors()) {
                out.println(root.style().boldRed("Apply failed.") + " " + applied.result().succeeded()
                        + " operations succeeded and were saved, " + applied.result().failed() + " failed, "
                        + applied.result().skipped() + " not started.");
                out.flush();
                return ExitCode.ERROR.code();
            }
            String what = options.mode() == PlanMode.DESTROY ? "Destroy complete! Resources: " + sm[2] + " destroyed."
                    : "Apply complete! Resources: " + sm[0] + " added, " + sm[1] + " changed, " + sm[2] + " destroyed.";
            out.println(root.style().green(what));
            OutputRenderer.text(applied.state().outputs(), out, true);
            out.flush();
            return ExitCode.OK.code();
        } catch (StateException e) {
            return ws.stateError(e, err);
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
