package dev.lockstep.planner.plan;

import dev.lockstep.api.addr.ResourceAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A plan: every resource change (no-ops included), output changes, drift found while refreshing,
 * and what the plan was made against (state lineage and serial, configuration digest, a
 * fingerprint of each live object read), so that a saved plan can refuse to apply when any of
 * those moved.
 *
 * @param mode normal, destroy or refresh-only
 * @param changes resource changes in address order
 * @param outputs output changes by name order
 * @param drift changes made outside lockstep
 * @param lineage the prior state's lineage
 * @param serial the prior state's serial
 * @param configDigest SHA-256 of the configuration files and variable files
 * @param fingerprints per refreshed object, a keyed hash of its live value
 * @param targets the --target addresses given, if any
 * @param created when the plan was made
 * @param policies the policy findings on the planned values (failures, waived and undecided ones)
 * @param accessChanges the effective access the plan gains and loses, and the access after it
 *     (docs/access.md)
 */
public record Plan(PlanMode mode, List<ResourceChange> changes, List<OutputChange> outputs, List<DriftEntry> drift,
        String lineage, long serial, String configDigest, Map<ResourceAddress, String> fingerprints,
        List<String> targets, Instant created, List<PolicyResult> policies, AccessChanges accessChanges) {

    public Plan {
        changes = List.copyOf(changes);
        outputs = List.copyOf(outputs);
        drift = List.copyOf(drift);
        fingerprints = Map.copyOf(fingerprints);
        targets = List.copyOf(targets);
        policies = List.copyOf(policies);
        accessChanges = accessChanges == null ? AccessChanges.NONE : accessChanges;
    }

    /** A plan whose effective access has not been resolved (yet). */
    public Plan(PlanMode mode, List<ResourceChange> changes, List<OutputChange> outputs, List<DriftEntry> drift,
            String lineage, long serial, String configDigest, Map<ResourceAddress, String> fingerprints,
            List<String> targets, Instant created, List<PolicyResult> policies) {
        this(mode, changes, outputs, drift, lineage, serial, configDigest, fingerprints, targets, created, policies,
                AccessChanges.NONE);
    }

    /** A plan whose policies have not been evaluated (yet). */
    public Plan(PlanMode mode, List<ResourceChange> changes, List<OutputChange> outputs, List<DriftEntry> drift,
            String lineage, long serial, String configDigest, Map<ResourceAddress, String> fingerprints,
            List<String> targets, Instant created) {
        this(mode, changes, outputs, drift, lineage, serial, configDigest, fingerprints, targets, created, List.of());
    }

    /** The same plan with these policy findings. */
    public Plan withPolicies(List<PolicyResult> results) {
        return new Plan(mode, changes, outputs, drift, lineage, serial, configDigest, fingerprints, targets, created,
                results, accessChanges);
    }

    /** The same plan with this effective-access diff. */
    public Plan withAccessChanges(AccessChanges access) {
        return new Plan(mode, changes, outputs, drift, lineage, serial, configDigest, fingerprints, targets, created,
                policies, access);
    }

    /** Whether a mandatory policy failed: the plan must not be saved or applied. */
    public boolean blockedByPolicy() {
        return policies.stream().anyMatch(PolicyResult::blocks);
    }

    /** Whether applying would change any resource or output. */
    public boolean hasChanges() {
        for (ResourceChange c : changes) {
            if (c.action().isChange()) {
                return true;
            }
        }
        for (OutputChange o : outputs) {
            if (o.action() != Action.NO_OP) {
                return true;
            }
        }
        return mode == PlanMode.REFRESH_ONLY && !drift.isEmpty();
    }

    /** Counts of resource actions: to add, to change, to destroy (a replacement counts as add and destroy). */
    public int[] summary() {
        int add = 0;
        int change = 0;
        int destroy = 0;
        for (ResourceChange c : changes) {
            switch (c.action()) {
                case CREATE:
                    add++;
                    break;
                case UPDATE:
                    change++;
                    break;
                case DELETE:
                    destroy++;
                    break;
                case DELETE_THEN_CREATE:
                case CREATE_THEN_DELETE:
                    add++;
                    destroy++;
                    break;
                default:
                    break;
            }
        }
        return new int[] {add, change, destroy};
    }
}
