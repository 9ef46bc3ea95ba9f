package dev.lockstep.planner.plan;

import dev.lockstep.api.diag.SourceRange;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One policy finding of a plan or a drift report: a policy an object breaks, whether that blocks,
 * and the waiver that covers it, if any. Passing objects are not listed.
 *
 * @param policy the policy id: a built-in rule's ({@code k8s-ingress-tls}) or a {@code policy} block's label
 * @param title the policy's short title (a custom policy's id when it has none)
 * @param mandatory whether a failure blocks (exit 3) rather than advises
 * @param status what the finding is
 * @param address the object: an instance address, or an unmanaged object's identifier
 * @param message what is wrong, never holding a sensitive value
 * @param range the resource block in the configuration, or null (unmanaged objects, saved plans read back)
 * @param waiver the waiver that covers the object (also an expired one, which no longer waives), or null
 */
public record PolicyResult(String policy, String title, boolean mandatory, Status status, String address,
        String message, SourceRange range, Waiver waiver) {

    /** What a finding is. */
    public enum Status {
        /** The object breaks the policy and no valid waiver covers it. */
        FAILED,
        /** The object breaks the policy and an unexpired waiver covers it: reported, never blocks. */
        WAIVED,
        /**
         * The policy could not be decided before apply: its condition depends on values known only
         * after apply. Reported, never blocks; evaluated again by the next plan.
         */
        UNKNOWN;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A waiver as a finding shows it.
     *
     * @param name the waiver block's label
     * @param owner who answers for it
     * @param reason why it was granted
     * @param expires the last day it waives (UTC)
     * @param expired whether that day has passed (an expired waiver no longer waives)
     */
    public record Waiver(String name, String owner, String reason, LocalDate expires, boolean expired) {
    }

    /** Whether this finding blocks the plan: a mandatory failure. */
    public boolean blocks() {
        return mandatory && status == Status.FAILED;
    }

    /** {@code mandatory} or {@code advisory}. */
    public String enforcement() {
        return mandatory ? "mandatory" : "advisory";
    }
}
