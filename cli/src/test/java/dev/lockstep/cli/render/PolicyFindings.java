package dev.lockstep.cli.render;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourcePos;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.provider.UnmanagedLister;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.ops.Drift;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.DriftEntry;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PolicyResult;
import dev.lockstep.planner.plan.ResourceChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Hand-built plans, drift reports and policy findings for the policy rendering tests. */
final class PolicyFindings {

    private PolicyFindings() {
    }

    static SourceRange range(String file, int line, int offset) {
        return new SourceRange(file, new SourcePos(line, 1, offset), new SourcePos(line + 6, 2, offset + 120));
    }

    /** One of each kind: a blocking failure, an advisory, an expired waiver, a waived one, an undecided one. */
    static final List<PolicyResult> PLAN_FINDINGS = List.of(
            new PolicyResult("k8s-secret-literal", "Secrets do not hold literal values", false,
                    PolicyResult.Status.FAILED, "kubernetes_secret_v1.db",
                    "data.password is a literal in the configuration", range("secrets.hcl", 3, 40), null),
            new PolicyResult("k8s-ingress-tls", "Ingresses serve TLS", true, PolicyResult.Status.WAIVED,
                    "kubernetes_ingress_v1.legacy", "Ingress \"legacy\" serves hosts without TLS: old.example.com",
                    range("main.hcl", 30, 600), new PolicyResult.Waiver("legacy-tls", "team-a",
                            "migrating to cert-manager", LocalDate.of(2027, 1, 31), false)),
            new PolicyResult("k8s-ingress-tls", "Ingresses serve TLS", true, PolicyResult.Status.FAILED,
                    "kubernetes_ingress_v1.web", "Ingress \"web\" serves hosts without TLS: app.example.com",
                    range("main.hcl", 12, 230), null),
            new PolicyResult("k8s-ingress-tls", "Ingresses serve TLS", true, PolicyResult.Status.FAILED,
                    "kubernetes_ingress_v1.old", "Ingress \"old\" serves hosts without TLS: a|b.example.com",
                    range("apps/old ingress.hcl", 1, 0), new PolicyResult.Waiver("old-tls", "team-b",
                            "until the move", LocalDate.of(2024, 6, 30), true)),
            new PolicyResult("replicas-min", "replicas-min", true, PolicyResult.Status.UNKNOWN,
                    "kubernetes_deployment_v1.app", "spec.replicas is known only after apply",
                    range("main.hcl", 50, 1000), null));

    static Plan plan(List<PolicyResult> findings) {
        ResourceChange create = new ResourceChange(ResourceAddress.managed("terraform_data", "web"), "terraform",
                Action.CREATE, ActionReason.NONE, null, Value.object(Map.of("input", Value.string("v1"))), List.of(),
                List.of(), Map.of(), List.of(), List.of());
        return new Plan(PlanMode.NORMAL, List.of(create), List.of(), List.of(), "lineage", 1, "digest", Map.of(),
                List.of(), Instant.EPOCH, findings);
    }

    static Plan unchanged(List<PolicyResult> findings) {
        return new Plan(PlanMode.NORMAL, List.of(), List.of(), List.of(), "lineage", 1, "digest", Map.of(),
                List.of(), Instant.EPOCH, findings);
    }

    /** A drift report: one changed object, one unmanaged object, a failure on each and an advisory. */
    static Drift.Report drift() {
        ResourceAddress role = ResourceAddress.managed("kubernetes_role", "team");
        DriftEntry changed = new DriftEntry(role, false, Value.object(Map.of("verbs", Value.string("get"))),
                Value.object(Map.of("verbs", Value.string("*"))), List.of(AttributePath.ROOT.attr("verbs")));
        Drift.Unmanaged unmanaged = new Drift.Unmanaged("kubernetes", new UnmanagedLister.UnmanagedObject(
                "ClusterRoleBinding", "cluster-admin-bob", UnmanagedLister.Severity.HIGH, "grants cluster-admin"));
        List<PolicyResult> findings = List.of(
                new PolicyResult("k8s-no-wildcard-verbs", "Roles name their verbs", true, PolicyResult.Status.FAILED,
                        role.toString(), "Role \"team\" grants every verb (\"*\")", range("rbac.hcl", 4, 80), null),
                new PolicyResult("k8s-no-cluster-admin", "Nobody is bound to cluster-admin", false,
                        PolicyResult.Status.FAILED, "ClusterRoleBinding/cluster-admin-bob",
                        "binds user bob to cluster-admin", null, null));
        return new Drift.Report(List.of(changed), List.of(unmanaged), findings, new Diagnostics());
    }
}
