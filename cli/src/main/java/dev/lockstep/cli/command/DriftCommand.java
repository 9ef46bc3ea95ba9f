package dev.lockstep.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.cli.render.DriftRenderer;
import dev.lockstep.cli.render.PlanJsonRenderer;
import dev.lockstep.planner.ops.Drift;
import dev.lockstep.planner.ops.Session;
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
            + "declared). Changes nothing.", "Exit 0 no drift, 2 drift found, 1 error."})
public final class DriftCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or markdown.")
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace ws = Workspace.open(root);
        int[] code = {0};
        try (Session s = ws.session("drift", variables, false, java.time.Duration.ZERO, err, code)) {
            if (s == null) {
                return code[0];
            }
            Drift.Report report = Drift.detect(s, unmanaged, Math.max(1, parallelism));
            ws.printDiagnostics(report.diagnostics(), s.config().sources(), err);
            if (report.diagnostics().hasErrors()) {
                return ExitCode.ERROR.code();
            }
            ObjectNode json = DriftRenderer.json(report);
            switch (format) {
                case json:
                    out.println(PlanJsonRenderer.toText(json));
                    break;
                case markdown:
                    DriftRenderer.markdown(report, out);
                    break;
                default:
                    DriftRenderer.text(report, root.style(), BodySchemas.of(ws.schemas()), out);
            }
            out.flush();
            if (report.drifted() && notify != null) {
                String failure = Webhook.post(notify, json);
                if (failure != null) {
                    err.println("error: Failed to notify " + Webhook.redact(notify) + ": " + failure);
                    err.flush();
                    return ExitCode.ERROR.code();
                }
            }
            return report.drifted() ? ExitCode.CHANGES.code() : ExitCode.OK.code();
        }
    }

}
