package dev.lockstep.planner.approval;

import java.util.List;

/**
 * The approvals of one plan file checked against the configuration's {@code approvals} block.
 *
 * @param required how many valid signatures from distinct trusted keys are needed
 * @param approvals every signature file found, with what it counts for
 * @param missing the trusted keys (by name and fingerprint) that have not signed
 */
public record Verdict(int required, List<Approval> approvals, List<String> missing) {

    public Verdict {
        approvals = List.copyOf(approvals);
        missing = List.copyOf(missing);
    }

    /** The signatures that count. */
    public List<Approval> valid() {
        return approvals.stream().filter(a -> a.status() == Approval.Status.VALID).toList();
    }

    /** Whether the plan has enough approvals. */
    public boolean satisfied() {
        return valid().size() >= required;
    }

    /** One line: "1 of 2 required approvals: alice (SHA256:...)". */
    public String summary() {
        List<Approval> v = valid();
        return v.size() + " of " + required + " required approval" + (required == 1 ? "" : "s")
                + (v.isEmpty() ? "" : ": " + String.join(", ", v.stream().map(Approval::who).toList()));
    }
}
