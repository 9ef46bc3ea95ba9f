package dev.lockstep.cli.command;

import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.state.audit.AuditEvent;
import dev.lockstep.state.audit.AuditLog;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import java.util.ArrayList;
import java.util.List;

/** Appends the audit record of a command that changed something to {@code .lockstep/audit.jsonl}. */
final class Audit {

    private Audit() {
    }

    static void applied(Workspace ws, String command, SnapshotInfo info, Plan plan, Session.Applied applied,
            Lock lock) throws StateException {
        List<AuditEvent.Change> changes = new ArrayList<>();
        List<AuditEvent.Result> results = new ArrayList<>();
        String firstError = applied.diagnostics().asList().stream().filter(d -> d.isError())
                .map(d -> d.summary()).findFirst().orElse(null);
        for (ResourceChange c : plan.changes()) {
            if (!c.action().isChange()) {
                continue;
            }
            changes.add(new AuditEvent.Change(c.address().toString(), c.action().word()));
            String status = applied.result().outcomes().getOrDefault(c.address(), "skipped");
            results.add(new AuditEvent.Result(c.address().toString(), status, "failed".equals(status) ? firstError
                    : null));
        }
        record(ws, AuditEvent.now(command, info.planDigest(), changes, results, lock == null ? null : lock.info().id()));
    }

    /** A command that edits state directly or takes over a lock: its addresses and outcome. */
    static void simple(Workspace ws, String command, List<String> addresses, String action, Lock lock)
            throws StateException {
        List<AuditEvent.Change> changes = new ArrayList<>();
        List<AuditEvent.Result> results = new ArrayList<>();
        for (String a : addresses) {
            changes.add(new AuditEvent.Change(a, action));
            results.add(new AuditEvent.Result(a, "ok", null));
        }
        record(ws, AuditEvent.now(command, null, changes, results, lock == null ? null : lock.info().id()));
    }

    private static void record(Workspace ws, AuditEvent e) throws StateException {
        new AuditLog(ws.stateDir()).append(e);
    }
}
