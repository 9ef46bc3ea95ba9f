package dev.lockstep.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.cli.render.DriftRenderer;
import dev.lockstep.cli.render.SarifRenderer;
import dev.lockstep.planner.ops.Drift;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.planner.planfile.PlanJson;
import dev.lockstep.state.BuildVersion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep drift}: reports every change made outside lockstep; made to run from cron. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Report objects changed or deleted outside lockstep (and, with --unmanaged, access nobody "
            + "declared), and check the live objects against the policies. Changes nothing.",
            "Exit 0 no drift, 2 drift found, 3 a live object breaks a mandatory policy, 1 error."})
public final class DriftCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, markdown or sarif "
            + "(the policy findings on the live objects as SARIF 2.1.0).")
    OutputFormat format = OutputFormat.text;

    @Option(names = "--unmanaged", description = "Also list objects no configuration manages (hand-made bindings, "
            + "extra ACL entries), with a severity.")
    boolean unmanaged;

    @Option(names = "--notify", paramLabel = "URL", description = "POST the JSON report (with a Slack-compatible "
            + "\"text\" field) to this webhook when drift is found.")
    String notify;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10", description = "Reads to run at once.")
    int parallelism = 10;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<Drift.Report> o = ws.operations().drift(variables.inputs(), unmanaged, parallelism);
        int code = inv.finish(o, o.ok() && o.result().drifted());
        if (!o.ok()) {
            return code;
        }
        if (o.result().blockedByPolicy()) {
            code = ExitCode.POLICY.code();
        }
        Drift.Report report = o.result();
        PrintWriter out = inv.out();
        ObjectNode json = DriftRenderer.json(report);
        switch (format) {
            case json:
                out.println(PlanJson.toText(json));
                break;
            case markdown:
                DriftRenderer.markdown(report, out);
                break;
            case sarif:
                out.println(PlanJson.toText(SarifRenderer.render(report.policies(), PlanOutput.sarifBase(root.dir()),
                        BuildVersion.get())));
                break;
            default:
                DriftRenderer.text(report, inv.style(), BodySchemas.of(ws), out);
        }
        out.flush();
        if ((report.drifted() || report.blockedByPolicy()) && notify != null) {
            String failure = Webhook.post(notify, json);
            if (failure != null) {
                return inv.usage("Failed to notify " + Webhook.redact(notify) + ": " + failure);
            }
        }
        return code;
    }
}
