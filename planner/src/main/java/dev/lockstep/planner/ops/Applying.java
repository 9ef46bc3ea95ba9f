package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.planfile.PlanFileException;
import dev.lockstep.planner.planfile.PlanFiles;
import dev.lockstep.planner.planfile.SavedPlan;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.planner.approval.Approval;
import dev.lockstep.planner.approval.Verdict;
import dev.lockstep.planner.config.ApprovalSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.state.audit.AuditEvent;

/**
 * {@code apply} and {@code destroy}: plan (or take a saved plan and check it still holds), have it
 * confirmed, apply with progress, save the state, and record the audit event.
 */
final class Applying {

    private final Workspace ws;
    private final List<AuditEvent.Check> approvalChecks = new ArrayList<>();

    Applying(Workspace ws) {
        this.ws = ws;
    }

    Outcome<ApplyReport> apply(ApplyRequest r, ApplyCallbacks callbacks) {
        try {
            return gateThenApply(r, callbacks);
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    private Outcome<ApplyReport> gateThenApply(ApplyRequest r, ApplyCallbacks callbacks) throws StateException {
        SavedPlan saved = null;
        AuditTrail audit = new AuditTrail(ws.stateDir());
        ApprovalSettings approvals = ws.settings().approvals();
        if (r.planFile() != null) {
            Path file = ws.resolve(r.planFile());
            byte[] bytes;
            try {
                bytes = PlanFiles.readBytes(file);
            } catch (PlanFileException e) {
                return Outcome.failed("Failed to read the plan file", e.getMessage());
            }
            Outcome<SavedPlan> read = decode(file, bytes, ws.encryption().plan());
            if (!read.ok()) {
                return read.otherwise();
            }
            saved = read.result();
            if (approvals != null) {
                Outcome<ApplyReport> refused = checkApprovals(r, file, bytes, saved, approvals, audit);
                if (refused != null) {
                    return refused;
                }
            }
        } else if (approvals != null) {
            String why = "This configuration requires " + approvals.required() + " signed approval"
                    + (approvals.required() == 1 ? "" : "s") + " of the exact plan to apply, so " + r.command()
                    + " applies saved, approved plans only.";
            audit.refused(r.command(), null, List.of(new AuditEvent.Check("approvals", "refused",
                    "no saved plan given")), null);
            return Outcome.refused(Refusal.NOT_APPROVED, "Approved plan required", why + "\nRun `lockstep plan "
                    + (r.options() != null && r.options().mode() == dev.lockstep.planner.plan.PlanMode.DESTROY
                    ? "--destroy " : "") + "-o FILE`, have it approved (`lockstep approve FILE -f KEY`), then run "
                    + "`lockstep apply FILE` (docs/ci.md).");
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
            }
            Plan plan = PolicyCheck.plan(s, planned, diags);
            if (plan == null) {
                return Outcome.failed(diags);
            }
            plan = AccessCheck.plan(plan);
            if (saved == null) {
                callbacks.planned(plan);
            }
            if (plan.blockedByPolicy()) {
                audit.refused(r.command(), saved == null ? null : saved.digest(), checks(plan), s.lock());
                return new Outcome.Refused<>(Refusal.POLICY_BLOCKED, diags.addAll(PolicyCheck.blocking(plan.policies(),
                        "nothing was applied.")), null);
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
            audit.applied(r.command(), info.planDigest(), planned.plan(), applied, s.lock(), checks(plan));
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

    private List<AuditEvent.Check> checks(Plan plan) {
        List<AuditEvent.Check> out = new ArrayList<>(approvalChecks);
        out.add(PolicyCheck.auditCheck(plan));
        return out;
    }

    /**
     * Counts the plan's signatures before anything else (the lock, the state, the providers): too few
     * is a refusal naming who signed and who has not. Returns null when the plan may go ahead.
     */
    private Outcome<ApplyReport> checkApprovals(ApplyRequest r, Path file, byte[] bytes, SavedPlan saved,
            ApprovalSettings approvals, AuditTrail audit) throws StateException {
        Verdict v;
        try {
            v = ApprovalOperations.verify(file, bytes, approvals);
        } catch (java.io.IOException e) {
            return Outcome.failed("Failed to read the approvals", "The approvals of " + r.planFile() + " cannot be "
                    + "read: " + dev.lockstep.state.FileProblem.reason(e) + ".");
        }
        StringBuilder detail = new StringBuilder(v.summary());
        v.approvals().stream().filter(a -> a.status() != Approval.Status.VALID).forEach(a -> detail.append("; ")
                .append(a.file()).append(" ").append(a.status().name().toLowerCase(java.util.Locale.ROOT))
                .append(a.fingerprint() == null ? "" : " by " + a.who()));
        AuditEvent.Check check = new AuditEvent.Check("approvals", v.satisfied() ? "passed" : "refused",
                detail.toString());
        if (!v.satisfied()) {
            audit.refused(r.command(), saved.digest(), List.of(check), null);
            return Outcome.refused(Refusal.NOT_APPROVED, "Plan not approved", ApprovalOperations.refusal(v));
        }
        approvalChecks.add(check);
        return null;
    }

    /** Reads a plan file: a file that cannot be read fails; one that is not an intact plan is refused. */
    static Outcome<SavedPlan> read(java.nio.file.Path file, dev.lockstep.state.crypto.Encryption encryption) {
        try {
            return decode(file, PlanFiles.readBytes(file), encryption);
        } catch (PlanFileException e) {
            return Outcome.failed("Failed to read the plan file", e.getMessage());
        }
    }

    private static Outcome<SavedPlan> decode(Path file, byte[] bytes, dev.lockstep.state.crypto.Encryption encryption) {
        try {
            return Outcome.succeeded(PlanFiles.decode(file, bytes, encryption));
        } catch (PlanFileException e) {
            if (e.kind() == PlanFileException.Kind.UNREADABLE) {
                return Outcome.failed("Failed to read the plan file", e.getMessage());
            }
            return Outcome.refused(Refusal.PLAN_UNUSABLE, "Saved plan refused", "The plan file " + file
                    + " was refused: " + e.getMessage() + ".");
        }
    }
}
