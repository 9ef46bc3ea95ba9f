package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PolicyResult;
import dev.lockstep.planner.policy.PolicyDefinitions;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.eval.PolicyDecoder;
import dev.lockstep.planner.policy.eval.PolicyEvaluator;
import dev.lockstep.planner.policy.eval.PolicySubjects;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Where plan, apply and drift evaluate the configuration's policies (docs/policies.md): on the
 * planned values before anything changes, and on the live objects for drift. A mandatory failure
 * becomes one error per finding, at the resource block, saying the plan is blocked.
 */
final class PolicyCheck {

    private PolicyCheck() {
    }

    /** The plan with its findings, or null when the policies themselves are wrong (errors in {@code diags}). */
    static Plan plan(Session s, Planner.Result planned, Diagnostics diags) {
        List<PolicyResult> results = evaluate(s, planned, PolicySubjects.planned(planned, s.config()), diags);
        return results == null ? null : planned.plan().withPolicies(results);
    }

    /** The findings on live objects (and unmanaged ones), or null when the policies are wrong. */
    static List<PolicyResult> live(Session s, Planner.Result refreshed, List<PolicySubject> unmanaged,
            Diagnostics diags) {
        List<PolicySubject> subjects = new java.util.ArrayList<>(PolicySubjects.live(refreshed, s.config()));
        subjects.addAll(unmanaged);
        return evaluate(s, refreshed, subjects, diags);
    }

    private static List<PolicyResult> evaluate(Session s, Planner.Result r, List<PolicySubject> subjects,
            Diagnostics diags) {
        Diagnostics d = new Diagnostics();
        EvalContext ctx = s.evalContext(r.scope());
        PolicyDefinitions defs = PolicyDecoder.decode(s.config(), ctx, false, d);
        if (d.hasErrors()) {
            diags.addAll(d);
            return null;
        }
        List<PolicyResult> results = PolicyEvaluator.evaluate(defs, subjects, ctx, LocalDate.now(ZoneOffset.UTC), d);
        diags.addAll(d);
        return d.hasErrors() ? null : results;
    }

    /** The audit record of a plan's policy evaluation: passed, or refused with the failing policies and objects. */
    static dev.lockstep.state.audit.AuditEvent.Check auditCheck(Plan plan) {
        List<String> failing = new java.util.ArrayList<>();
        int advisories = 0;
        int waived = 0;
        for (PolicyResult r : plan.policies()) {
            if (r.blocks()) {
                failing.add(r.policy() + " on " + r.address());
            } else if (r.status() == PolicyResult.Status.WAIVED) {
                waived++;
            } else {
                advisories++;
            }
        }
        String detail = (failing.isEmpty() ? "no mandatory failure" : "mandatory failures: " + String.join(", ", failing))
                + "; " + advisories + " advisory, " + waived + " waived";
        return new dev.lockstep.state.audit.AuditEvent.Check("policy", failing.isEmpty() ? "passed" : "refused",
                detail);
    }

    /** One error per blocking finding: what failed, where, and how to go on. */
    static Diagnostics blocking(List<PolicyResult> results, String consequence) {
        Diagnostics d = new Diagnostics();
        for (PolicyResult r : results) {
            if (r.blocks()) {
                d.error("Policy \"" + r.policy() + "\" failed", r.address() + ": " + r.message() + "\n"
                        + (r.waiver() != null ? "The waiver \"" + r.waiver().name() + "\" expired on "
                                + r.waiver().expires() + ". " : "")
                        + "The policy is mandatory: " + consequence + " Fix the resource, or waive it with a waiver "
                        + "block naming the policy, the resource, a reason, an owner and an expiry date "
                        + "(docs/policies.md).", r.range());
            }
        }
        return d;
    }
}
