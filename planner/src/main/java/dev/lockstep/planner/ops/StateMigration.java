package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.config.ConfigLoader;
import dev.lockstep.planner.config.Settings;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.local.LocalBackend;
import dev.lockstep.state.remote.RemoteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * {@code lockstep state migrate}: copies the state and its kept history from the backend a file
 * names (by default the local {@code .lockstep/} directory) to the backend the configuration names
 * now, holding both locks; a {@code --from} file's own {@code encryption} block (or none) reads the
 * source. Every kept version is copied oldest first with its metadata, so the
 * target's history reads as the source's did; the source is left as it was. A target that already
 * holds a different lineage is refused; one that holds the same lineage is brought up to date
 * (versions it already has are skipped).
 */
public final class StateMigration {

    /**
     * What a migration did.
     *
     * @param from where the state was
     * @param to where it is now
     * @param copied the versions copied (serials, oldest first)
     * @param serial the current serial in the target
     */
    public record Migrated(String from, String to, List<Long> copied, long serial) {
    }

    private final Workspace ws;

    StateMigration(Workspace ws) {
        this.ws = ws;
    }

    Outcome<Migrated> migrate(Path fromFile, Duration lockTimeout) {
        Diagnostics d = new Diagnostics();
        Settings from;
        if (fromFile == null) {
            from = Settings.defaults(ws.dir());
        } else {
            from = new ConfigLoader(d, dev.lockstep.planner.hcl.eval.EvalContext.of(java.util.Map.of(), java.util.Map.of(),
                    dev.lockstep.planner.hcl.function.FunctionContext.defaults())).loadSettingsFile(ws.dir(), ws.resolve(fromFile), ws.sources(),
                    ws.request().environment());
            if (d.hasErrors()) {
                return Outcome.failed(d);
            }
        }
        RemoteStore[] sourceStore = new RemoteStore[1];
        try {
            // the file describes the old lockstep block whole: its encryption, or none; by default the
            // local directory is read with the configuration's own encryption
            dev.lockstep.state.crypto.Encryption sourceEncryption = fromFile == null ? ws.encryption().state()
                    : new EncryptionSetup(from.encryption(), ws.request().environment(), ws.sandboxOverrides())
                            .resolve().state();
            StateBackend source = from.shared() == null
                    ? new LocalBackend(from.stateDir(), LocalBackend.Options.defaults().withRetention(from.snapshots())
                            .withEncryption(sourceEncryption))
                    : SharedBackends.open(from.shared(), from.snapshots(), ws.request(), ws.sandboxOverrides(),
                            sourceEncryption, s -> sourceStore[0] = s);
            String fromName = sourceStore[0] != null ? sourceStore[0].describe() : from.stateDir().toString();
            StateBackend target = ws.backend();
            if (fromName.equals(ws.stateLocation())) {
                return Outcome.failed("Nothing to migrate", "The state is already in " + fromName + ": give the backend it "
                        + "is in now with --from FILE (a file with a lockstep { backend ... } block).");
            }
            try (Lock a = source.locker().acquire("state migrate", lockTimeout);
                    Lock b = target.locker().acquire("state migrate", lockTimeout)) {
                Migrated m = copy(source, target, fromName);
                new AuditTrail(ws.stateDir()).simple("state migrate", List.of("from " + fromName), "migrate", b);
                return Outcome.succeeded(m, d);
            }
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        } finally {
            if (sourceStore[0] != null) {
                sourceStore[0].close();
            }
        }
    }

    private Migrated copy(StateBackend source, StateBackend target, String fromName) throws StateException {
        StateBackend.Loaded loaded = source.load();
        if (loaded.recovered()) {
            source.persist(loaded.state(), new SnapshotInfo(0, null, null, "recover", null, null, null));
        }
        State current = loaded.state();
        if (current.serial() == 0) {
            throw new StateException(fromName + " holds no state; there is nothing to migrate");
        }
        StateBackend.Loaded there = target.load();
        if (there.recovered()) {
            throw new StateException(ws.stateLocation() + " holds results of an interrupted command; run any command "
                    + "on it first so they are saved, then migrate again");
        }
        State existing = there.state();
        if (existing.serial() > 0 && !existing.lineage().equals(current.lineage())) {
            throw new StateException("refusing to migrate: " + ws.stateLocation() + " already holds another state "
                    + "(lineage " + existing.lineage() + ", serial " + existing.serial() + "), and " + fromName
                    + " holds lineage " + current.lineage() + ". Use an empty target (another secret_suffix or key)");
        }
        List<SnapshotInfo> history = new ArrayList<>(source.history());
        java.util.Collections.reverse(history);
        LinkedHashMap<Long, SnapshotInfo> versions = new LinkedHashMap<>();
        history.forEach(i -> versions.put(i.serial(), i));
        List<Long> copied = new ArrayList<>();
        for (SnapshotInfo info : versions.values()) {
            if (info.serial() <= existing.serial() || info.serial() == current.serial()) {
                continue;
            }
            Optional<State> s = source.snapshot(info.serial());
            if (s.isPresent()) {
                target.persist(s.get(), info);
                copied.add(info.serial());
            }
        }
        if (current.serial() > existing.serial()) {
            SnapshotInfo info = versions.getOrDefault(current.serial(),
                    new SnapshotInfo(current.serial(), null, null, "state migrate", null, null, null));
            target.persist(current, info);
            copied.add(current.serial());
        }
        return new Migrated(fromName, ws.stateLocation(), copied, Math.max(existing.serial(), current.serial()));
    }
}
