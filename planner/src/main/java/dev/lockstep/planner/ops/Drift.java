package dev.lockstep.planner.ops;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.UnmanagedLister;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.state.ResourceInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drift detection for {@code lockstep drift}: a refresh-only comparison of every managed object
 * with what lockstep recorded, plus (optionally) the objects providers find that no configuration
 * manages. Changes nothing.
 */
public final class Drift {

    private Drift() {
    }

    /** One unmanaged object, with the provider that found it. */
    public record Unmanaged(String provider, UnmanagedLister.UnmanagedObject object) {
    }

    /**
     * The report: changed or deleted objects, unmanaged objects, the policy findings on the live
     * objects, and problems.
     */
    public record Report(List<DriftEntry> changes, List<Unmanaged> unmanaged,
            List<dev.lockstep.planner.plan.PolicyResult> policies, Diagnostics diagnostics) {

        public Report {
            changes = List.copyOf(changes);
            unmanaged = List.copyOf(unmanaged);
            policies = List.copyOf(policies);
        }

        /** A report without policy findings. */
        public Report(List<DriftEntry> changes, List<Unmanaged> unmanaged, Diagnostics diagnostics) {
            this(changes, unmanaged, List.of(), diagnostics);
        }

        public boolean drifted() {
            return !changes.isEmpty() || !unmanaged.isEmpty();
        }

        /** Whether a live object breaks a mandatory policy (exit 3). */
        public boolean blockedByPolicy() {
            return policies.stream().anyMatch(dev.lockstep.planner.plan.PolicyResult::blocks);
        }
    }

    public static Report detect(Session s, boolean unmanaged, int parallelism) {
        PlanOptions opts = new PlanOptions(PlanMode.REFRESH_ONLY, true, List.of(), List.of(), parallelism);
        Planner.Result r = s.plan(opts);
        Diagnostics diags = new Diagnostics().addAll(r.diagnostics());
        List<Unmanaged> found = new ArrayList<>();
        if (unmanaged && !diags.hasErrors()) {
            Map<String, Map<ResourceAddress, Value>> byProvider = new TreeMap<>();
            for (ResourceInstance ri : s.state().resources().values()) {
                if (ri.address().isData()) {
                    continue;
                }
                // the SPI's contract: each managed object with its recorded state (what lockstep declared)
                byProvider.computeIfAbsent(ri.provider(), k -> new LinkedHashMap<>()).put(ri.address(), ri.attributes());
            }
            EvalContext root = EvalContext.of(r.scope(), Map.of(), null);
            for (Map.Entry<String, Map<ResourceAddress, Value>> e : byProvider.entrySet()) {
                Provider p = s.providers().get(e.getKey(), root, diags);
                if (p == null || p.unmanaged() == null) {
                    continue;
                }
                UnmanagedLister.UnmanagedResponse resp = dev.lockstep.planner.engine.ProviderCalls.call(
                        "provider \"" + e.getKey() + "\"", null, diags, () -> p.unmanaged().listUnmanaged(e.getValue()));
                if (resp == null) {
                    continue;
                }
                diags.addAll(resp.diagnostics());
                for (UnmanagedLister.UnmanagedObject o : resp.objects()) {
                    found.add(new Unmanaged(e.getKey(), o));
                }
            }
            found.sort((a, b) -> a.object().severity() != b.object().severity()
                    ? a.object().severity().compareTo(b.object().severity())
                    : a.object().identifier().compareTo(b.object().identifier()));
        }
        List<dev.lockstep.planner.policy.PolicySubject> others = new ArrayList<>();
        for (Unmanaged u : found) {
            if (u.object().type() != null && u.object().value() != null) {
                others.add(new dev.lockstep.planner.policy.PolicySubject(u.object().kind() + " "
                        + u.object().identifier(), u.object().type(), u.object().value(),
                        dev.lockstep.planner.policy.PolicySubject.Origin.UNMANAGED, null, null));
            }
        }
        List<dev.lockstep.planner.plan.PolicyResult> policies = List.of();
        if (!diags.hasErrors()) {
            policies = PolicyCheck.live(s, r, others, diags);
            if (policies == null) {
                policies = List.of();
            }
        }
        return new Report(r.plan().drift(), found, policies, diags);
    }
}
