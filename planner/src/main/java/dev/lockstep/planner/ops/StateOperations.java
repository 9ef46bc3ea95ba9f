package dev.lockstep.planner.ops;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.SnapshotNotFoundException;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.edit.StateEdits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workflows on the recorded state that need no configuration beyond its settings: read the
 * state or a past version, list the history, forget or move instances, restore a past version,
 * restore a past version as a new one, inspect and remove the lock. Each returns an {@link Outcome}; edits are recorded in the audit log.
 */
public final class StateOperations {

    /** What a state edit did: one line per instance touched ({@code a.b} or {@code a.b -> a.c}). */
    public record Edited(List<String> changes, long serial) {
    }

    private final Workspace ws;

    StateOperations(Workspace ws) {
        this.ws = ws;
    }

    /** A failure when the configuration files could not all be read, so the settings may not be the user's. */
    private <T> Outcome<T> doubt() {
        return ws.settingsDoubts().hasErrors() ? Outcome.failed(ws.settingsDoubts()) : null;
    }

    /** The latest state (with a journal left by an interrupted command replayed). */
    public Outcome<State> current() {
        Outcome<State> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        try {
            StateBackendLoad loaded = StateBackendLoad.of(ws.backend().load());
            return Outcome.succeeded(loaded.state(), loaded.warnings());
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** The state as it was at {@code serial}. */
    public Outcome<State> at(long serial) {
        Outcome<State> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        try {
            Optional<State> s = ws.backend().snapshot(serial);
            if (s.isEmpty()) {
                return Outcome.failed("No such state version", "No snapshot with serial " + serial + " is kept; "
                        + "`lockstep state history` lists them.");
            }
            return Outcome.succeeded(s.get());
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** The metadata of every kept version, newest first; an unreadable metadata file is a warning naming it. */
    public Outcome<List<SnapshotInfo>> history() {
        Outcome<List<SnapshotInfo>> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        try {
            StateBackend.History h = ws.backend().historyWithWarnings();
            Diagnostics d = new Diagnostics();
            h.warnings().forEach(w -> d.warning("Snapshot skipped", w, null));
            return Outcome.succeeded(h.entries(), d);
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /**
     * {@code state restore SERIAL}: makes a kept version the latest again, as a new version with a
     * higher serial recording where it came from (history stays append-only).
     */
    public Outcome<State> restore(long serial, Duration lockTimeout) {
        Outcome<State> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        try (Lock lock = ws.backend().locker().acquire("state restore", lockTimeout)) {
            State restored = ws.backend().restore(serial, ws.info("state restore", null));
            new AuditTrail(ws.stateDir()).simple("state restore", List.of("serial " + serial + " as serial "
                    + restored.serial()), "restore", lock);
            return Outcome.succeeded(restored);
        } catch (SnapshotNotFoundException e) {
            return Outcome.failed("No such state version", e.getMessage()
                    + " `lockstep state history` lists the kept versions.");
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** {@code state rm}: forgets instances; the live objects are not touched. */
    public Outcome<Edited> remove(List<String> addresses, Duration lockTimeout) {
        return edit("state rm", addresses, null, lockTimeout);
    }

    /** {@code state mv}: moves an instance (or every instance of a resource) to another address. */
    public Outcome<Edited> move(String source, String destination, Duration lockTimeout) {
        return edit("state mv", List.of(source), destination, lockTimeout);
    }

    private Outcome<Edited> edit(String command, List<String> addresses, String destination, Duration lockTimeout) {
        Outcome<Edited> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        List<ResourceAddress> parsed = new ArrayList<>();
        ResourceAddress to;
        try {
            for (String text : addresses) {
                parsed.add(ResourceAddress.parse(text));
            }
            to = destination == null ? null : ResourceAddress.parse(destination);
        } catch (IllegalArgumentException e) {
            return Outcome.failed("Invalid address", e.getMessage());
        }
        try (Lock lock = ws.backend().locker().acquire(command, lockTimeout)) {
            State s = ws.backend().load().state();
            if (!s.canAdvance()) {
                return Outcome.failed("State serial exhausted", "The state is at serial " + s.serial() + ", the "
                        + "largest there is, so no new version can be stored; nothing was changed.");
            }
            StateEdits.Result result = to == null ? StateEdits.remove(s, parsed) : StateEdits.move(s, parsed.get(0), to);
            if (result instanceof StateEdits.Refused r) {
                return Outcome.failed("State not changed", r.reason());
            }
            StateEdits.Edited e = (StateEdits.Edited) result;
            State next = e.state();
            SnapshotInfo info = ws.info(command, null);
            ws.backend().persist(next, new SnapshotInfo(next.serial(), info.time(), info.user(), command, null,
                    info.gitCommit(), info.version()));
            new AuditTrail(ws.stateDir()).simple(command, e.changes(), to == null ? "forget" : "move", lock);
            return Outcome.succeeded(new Edited(e.changes(), next.serial()));
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /**
     * Copies the state and its kept history from the backend named in {@code fromFile} (a file with
     * a {@code lockstep { backend ... }} block; null: the local {@code .lockstep/} directory) to the
     * configuration's backend, holding both locks (see {@link StateMigration}).
     */
    public Outcome<StateMigration.Migrated> migrate(Path fromFile, Duration lockTimeout) {
        Outcome<StateMigration.Migrated> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        return new StateMigration(ws).migrate(fromFile, lockTimeout);
    }

    /**
     * Rewrites the current state and every kept snapshot with the encryption block's primary method,
     * so that the fallback's key can be retired (or, with an unencrypted primary, decrypts them all).
     */
    public Outcome<List<Long>> reencrypt(Duration lockTimeout) {
        Outcome<List<Long>> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        if (ws.settingsEncryption() == null || ws.settingsEncryption().state() == null) {
            return Outcome.failed("No state encryption configured", "state reencrypt rewrites the state with the "
                    + "encryption block's state method; this configuration has no lockstep { encryption { state { ... } } }.");
        }
        try (Lock lock = ws.backend().locker().acquire("state reencrypt", lockTimeout)) {
            List<Long> done = ws.backend().reencrypt();
            new AuditTrail(ws.stateDir()).simple("state reencrypt", done.stream().map(s -> "serial " + s).toList(),
                    "reencrypt", lock);
            return Outcome.succeeded(done);
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** Who holds the state lock, if anyone. */
    public Outcome<Optional<LockInfo>> lockHolder() {
        Outcome<Optional<LockInfo>> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        try {
            return Outcome.succeeded(ws.backend().locker().current());
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** Removes the lock with exactly this id (left behind by a process that died). */
    public Outcome<String> forceUnlock(String id) {
        Outcome<String> doubt = doubt();
        if (doubt != null) {
            return doubt;
        }
        try {
            ws.backend().locker().forceUnlock(id);
            new AuditTrail(ws.stateDir()).simple("force-unlock", List.of("lock " + id), "unlock", null);
            return Outcome.succeeded(id);
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** A load's state with its recovery warnings as diagnostics. */
    private record StateBackendLoad(State state, Diagnostics warnings) {
        static StateBackendLoad of(dev.lockstep.state.backend.StateBackend.Loaded l) {
            Diagnostics d = new Diagnostics();
            l.warnings().forEach(w -> d.warning("State recovered", w, null));
            return new StateBackendLoad(l.state(), d);
        }
    }
}
