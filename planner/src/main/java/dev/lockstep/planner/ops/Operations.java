package dev.lockstep.planner.ops;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.graph.DependencyGraph;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.Library;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.planfile.PlanFileCodec;
import dev.lockstep.planner.planfile.PlanFiles;
import dev.lockstep.planner.planfile.SavedPlan;
import dev.lockstep.planner.validate.ConfigValidator;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.backend.StateException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The workflows that read the configuration: validate, graph, plan, show a saved plan, apply,
 * destroy, drift, import, evaluate a sensitive output, and the console. Each returns an
 * {@link Outcome}; none prints.
 */
public final class Operations {

    private final Workspace ws;

    Operations(Workspace ws) {
        this.ws = ws;
    }

    /** Checks the configuration without contacting any system. */
    public Outcome<DependencyGraph> validate(VariableInputs vars) {
        ConfigValidator.Result r = validator().validate(ws.dir(), sources(vars));
        ws.sources().putAll(r.config().sources());
        if (!r.valid() || r.graph() == null) {
            return Outcome.failed(r.diagnostics());
        }
        return Outcome.succeeded(r.graph().graph(), r.diagnostics());
    }

    /**
     * The configuration's policies as they are configured (built-in rules with their enforcement
     * and parameters, custom policies, waivers), checked as {@code validate} checks them.
     */
    public Outcome<dev.lockstep.planner.policy.PolicyDefinitions> policies(VariableInputs vars) {
        ConfigValidator.Result r = validator().validate(ws.dir(), sources(vars));
        ws.sources().putAll(r.config().sources());
        if (!r.valid()) {
            return Outcome.failed(r.diagnostics());
        }
        Diagnostics d = new Diagnostics().addAll(r.diagnostics());
        var defs = dev.lockstep.planner.policy.eval.PolicyDecoder.decode(r.config(), dev.lockstep.planner.hcl.eval
                .EvalContext.of(r.scope(), Library.all(new FunctionContext(ws.dir(), ws.request().environment(), true)),
                new FunctionContext(ws.dir(), ws.request().environment(), true)), true, d);
        return d.hasErrors() ? Outcome.failed(d) : Outcome.succeeded(defs, d);
    }

    /** Plans, and saves the plan when the request names a file. */
    public Outcome<Planned> plan(PlanRequest r) {
        Outcome<Session> opened = ws.session("plan", r.variables(), Map.of(), true, r.lockTimeout());
        if (!opened.ok()) {
            return opened.otherwise();
        }
        Diagnostics diags = new Diagnostics().addAll(opened.diagnostics());
        try (Session s = opened.result()) {
            if (r.out() != null) {
                // a saved plan names the state's lineage and hash key: fix them now for a new configuration
                s.ensurePersisted(ws.info("plan", null));
            }
            Planner.Result planned = s.plan(r.options());
            diags.addAll(planned.diagnostics());
            if (planned.diagnostics().hasErrors()) {
                return Outcome.failed(diags);
            }
            Plan plan = PolicyCheck.plan(s, planned, diags);
            if (plan == null) {
                return Outcome.failed(diags);
            }
            plan = AccessCheck.plan(plan);
            if (plan.blockedByPolicy()) {
                diags.addAll(PolicyCheck.blocking(plan.policies(), r.out() == null ? "this plan cannot be applied."
                        : "the plan was not saved."));
                return new Outcome.Refused<>(Refusal.POLICY_BLOCKED, diags, new Planned(plan,
                        s.providers().requestCounts(), null));
            }
            Path saved = null;
            if (r.out() != null) {
                saved = ws.resolve(r.out());
                byte[] bytes = PlanFileCodec.encode(new PlanFileCodec.Contents(plan, r.options(),
                        s.variables(), new SecretHasher(s.state().hashKey())));
                try {
                    PlanFiles.write(saved, bytes, ws.encryption().plan());
                } catch (IOException e) {
                    return Outcome.failed(diags.error("Failed to write the plan file", "The plan could not be saved "
                            + "to " + saved + ": " + dev.lockstep.state.FileProblem.reason(e) + ".", null));
                }
            }
            return Outcome.succeeded(new Planned(plan, s.providers().requestCounts(), saved), diags);
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** Reads a saved plan (relative to the configuration directory), checking it is intact. */
    public Outcome<SavedPlan> readPlan(Path file) {
        return readPlanFile(ws, file);
    }

    static Outcome<SavedPlan> readPlanFile(Workspace ws, Path file) {
        try {
            return Applying.read(ws.resolve(file), ws.encryption().plan());
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /** Applies (or destroys): plans or takes a saved plan, confirms, applies, saves the state. */
    public Outcome<ApplyReport> apply(ApplyRequest r, ApplyCallbacks callbacks) {
        return new Applying(ws).apply(r, callbacks);
    }

    /** Reports every change made outside lockstep (and, with {@code unmanaged}, objects nobody manages). */
    public Outcome<Drift.Report> drift(VariableInputs vars, boolean unmanaged, int parallelism) {
        Outcome<Session> opened = ws.session("drift", vars, Map.of(), false, Duration.ZERO);
        if (!opened.ok()) {
            return opened.otherwise();
        }
        try (Session s = opened.result()) {
            Drift.Report report = Drift.detect(s, unmanaged, Math.max(1, parallelism));
            Diagnostics diags = new Diagnostics().addAll(opened.diagnostics()).addAll(report.diagnostics());
            return report.diagnostics().hasErrors() ? Outcome.failed(diags) : Outcome.succeeded(report, diags);
        }
    }

    /** Brings an existing object under management at {@code address} from its provider id. */
    public Outcome<ResourceAddress> importObject(ResourceAddress address, String id, VariableInputs vars,
            Duration lockTimeout) {
        Outcome<Session> opened = ws.session("import", vars, Map.of(), true, lockTimeout);
        if (!opened.ok()) {
            return opened.otherwise();
        }
        Diagnostics diags = new Diagnostics().addAll(opened.diagnostics());
        try (Session s = opened.result()) {
            Session.Applied r = s.importInstance(address, id, ws.info("import", null));
            diags.addAll(r.diagnostics());
            if (r.diagnostics().hasErrors()) {
                return Outcome.failed(diags);
            }
            new AuditTrail(ws.stateDir()).simple("import", List.of(address.toString()), "import", s.lock());
            return Outcome.succeeded(address, diags);
        } catch (StateException e) {
            return Workspace.stateProblem(e);
        }
    }

    /**
     * A sensitive output's value, evaluated afresh (sensitive outputs are never recorded), given only
     * when it matches what the last apply recorded.
     */
    public Outcome<Value> evaluateOutput(String name, OutputValue recorded, VariableInputs vars) {
        Outcome<Session> opened = ws.session("output", vars, Map.of(), false, Duration.ZERO);
        if (!opened.ok()) {
            return opened.otherwise();
        }
        try (Session s = opened.result()) {
            return OutputEvaluation.evaluate(s, name, recorded);
        }
    }

    /** An expression console over the configuration's values, as a refresh-free plan sees them. */
    public Outcome<Console> console(VariableInputs vars) {
        Outcome<Session> opened = ws.session("console", vars, Map.of(), false, Duration.ZERO);
        if (!opened.ok()) {
            return opened.otherwise();
        }
        return Console.open(opened.result(), ws.dir(), ws.request().environment(), opened.diagnostics());
    }

    private ConfigValidator validator() {
        return new ConfigValidator(ws.schemas(), Library.all(new FunctionContext(ws.dir(),
                ws.request().environment(), true)));
    }

    private static VariableValues.Sources sources(VariableInputs vars) {
        return new VariableValues.Sources(vars.environment(), vars.varFiles(), vars.assignments());
    }
}
