package dev.lockstep.planner.ops;

import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.state.audit.AuditEvent;
import dev.lockstep.state.audit.AuditLog;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.StateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit record of every operation that changes something ({@code audit.jsonl} in the state
 * directory), written by the core whoever calls it: an apply's planned changes and their results,
 * a state edit's addresses, an import, a lock taken over.
 */
final class AuditTrail {

    private final Path stateDir;

    AuditTrail(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** An apply or destroy: each planned change and what became of it. */
    void applied(String command, String planDigest, Plan plan, Session.Applied applied, Lock lock,
            List<AuditEvent.Check> checks) throws StateException {
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
        new AuditLog(stateDir).append(AuditEvent.now(command, planDigest, changes, results,
                lock == null ? null : lock.info().id()).withChecks(checks));
    }

    /** An apply the gate refused before changing anything: the check that refused it (and those that passed). */
    void refused(String command, String planDigest, AuditEvent.Check check, Lock lock) throws StateException {
        refused(command, planDigest, List.of(check), lock);
    }

    void refused(String command, String planDigest, List<AuditEvent.Check> checks, Lock lock) throws StateException {
        new AuditLog(stateDir).append(AuditEvent.now(command, planDigest, List.of(), List.of(),
                lock == null ? null : lock.info().id()).withChecks(checks));
    }

    /** A command that edits state directly or takes over a lock: its addresses and outcome. */
    void simple(String command, List<String> addresses, String action, Lock lock) throws StateException {
        List<AuditEvent.Change> changes = new ArrayList<>();
        List<AuditEvent.Result> results = new ArrayList<>();
        for (String a : addresses) {
            changes.add(new AuditEvent.Change(a, action));
            results.add(new AuditEvent.Result(a, "ok", null));
        }
        new AuditLog(stateDir).append(AuditEvent.now(command, null, changes, results,
                lock == null ? null : lock.info().id()));
    }
}
