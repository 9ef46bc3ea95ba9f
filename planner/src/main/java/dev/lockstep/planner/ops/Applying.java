package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.planfile.PlanFileException;
import dev.lockstep.planner.planfile.PlanFiles;
import dev.lockstep.planner.planfile.SavedPlan;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import java.util.Map;

/**
 * {@code apply} and {@code destroy}: plan (or take a saved plan and check it still holds), have it
 * confirmed, apply with progress, save the state, and record the audit event.
 */
final class Applying {

    private final Workspace ws;

    Applying(Workspace ws) {
        this.ws = ws;
    }

    Outcome<ApplyReport> apply(ApplyRequest r, ApplyCallbacks callbacks) {
        SavedPlan saved = null;
        if (r.planFile() != null) {
            Outcome<SavedPlan> read = Operations.readPlanFile(ws, r.planFile());
            if (!read.ok()) {
                return read.otherwise();
            }
            saved = read.result();
        }
        PlanOptions options = saved != null ? saved.options() : r.options();
        Map<String, dev.lockstep.api.value.Value> fixed = saved != null ? saved.variables() : Map.of();
        Outcome<Session> opened = ws.session(r.command(), r.variables(), fixed, true, r.lockTimeout(),
                saved != null ? saved.digest() : null);
        if (!opened.ok()) {
            return opened.otherwise();
        }
        Diagnostics diags = new Diagnostics().addAll(opened.diagnostics());
        try (Session s = opened.result()) {
            Planner.Result planned = s.plan(options);
            diags.addAll(planned.diagnostics());
            if (planned.diagnostics().hasErrors()) {
                return Outcome.failed(diags);
            }
            if (saved != null) {
                String refusal = SavedPlanCheck.verify(saved, s, planned);
                if (refusal != null) {
                    return Outcome.refused(Refusal.PLAN_STALE, diags.error("Saved plan is stale", refusal
                            + "\nRun `lockstep plan -o FILE` again and apply the new plan.", null));
                }
            } else {
                callbacks.planned(planned.plan());
            }
            if (!planned.plan().hasChanges()) {
                s.persistRecovered(ws.info(r.command(), null));
                return Outcome.succeeded(new ApplyReport(planned.plan(), saved != null, 0, 0, 0, false,
                        s.state().outputs()), diags);
            }
            if (saved == null && !r.autoApprove() && !callbacks.confirm(planned.plan())) {
                return Outcome.refused(Refusal.NOT_CONFIRMED, diags);
            }
            callbacks.applying(planned.plan());
            SnapshotInfo info = ws.info(r.command(), saved == null ? null : saved.digest());
            Session.Applied applied = s.apply(options, planned, options.parallelism(), callbacks.progress(),
                    callbacks.cancelled(), info);
            new AuditTrail(ws.stateDir()).applied(r.command(), info.planDigest(), planned.plan(), applied, s.lock());
            diags.addAll(applied.diagnostics());
            var result = applied.result();
            ApplyReport report = new ApplyReport(planned.plan(), saved != null, result.succeeded(), result.failed(),
                    result.skipped(), result.interrupted(), applied.state().outputs());
            if (result.interrupted()) {
                diags.error("Apply interrupted", result.succeeded() + " operations completed and saved, "
                        + result.skipped() + " not started.", null);
                return new Outcome.Failed<>(diags, report);
            }
            if (applied.diagnostics().hasErrors()) {
                return new Outcome.Failed<>(diags, report);
            }
            return Outcome.succeeded(report, diags);
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** Reads a plan file: a file that cannot be read fails; one that is not an intact plan is refused. */
    static Outcome<SavedPlan> read(java.nio.file.Path file, dev.lockstep.state.crypto.Encryption encryption) {
        try {
            return Outcome.succeeded(PlanFiles.read(file, encryption));
        } catch (PlanFileException e) {
            if (e.kind() == PlanFileException.Kind.UNREADABLE) {
                return Outcome.failed("Failed to read the plan file", e.getMessage());
            }
            return Outcome.refused(Refusal.PLAN_UNUSABLE, "Saved plan refused", "The plan file " + file
                    + " was refused: " + e.getMessage() + ".");
        }
    }
}
