package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.ApprovalsText;
import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.planner.approval.Verdict;
import dev.lockstep.cli.render.OutputRenderer;
import dev.lockstep.cli.render.StateText;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.planner.planfile.PlanJson;
import dev.lockstep.planner.planfile.SavedPlan;
import dev.lockstep.planner.planfile.StateJson;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep show [PLANFILE]}: a saved plan, or the current state. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a saved plan with its policy findings and approvals (refused with exit 5 if it was "
            + "altered), or without PLANFILE the current state.")
public final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE")
    Path planFile;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, markdown or sarif "
            + "(a saved plan's policy findings as SARIF 2.1.0; not for the state).")
    OutputFormat format = OutputFormat.text;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(root, spec);
        if (planFile == null && format == OutputFormat.sarif) {
            return inv.usage("--format sarif shows a saved plan's policy findings: give a PLANFILE (the state has "
                    + "none)");
        }
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        PrintWriter out = inv.out();
        if (planFile != null) {
            Outcome<SavedPlan> o = ws.operations().readPlan(planFile);
            if (o.ok() && format == OutputFormat.json) {
                out.println(PlanJson.toText(o.result().json()));
            } else if (o.ok()) {
                PlanOutput.render(o.result().plan(), format, inv.style(), BodySchemas.of(ws), out, root.dir());
                if (format == OutputFormat.text || format == OutputFormat.markdown) {
                    Outcome<Verdict> v = ws.approvals().verify(planFile);
                    if (v.ok() && v.result() != null) {
                        ApprovalsText.render(v.result(), format == OutputFormat.markdown, inv.style(), out);
                    }
                    inv.print(v.diagnostics());
                }
            }
            out.flush();
            return inv.finish(o);
        }
        Outcome<State> o = ws.state().current();
        if (o.ok()) {
            State s = o.result();
            if (format == OutputFormat.json) {
                out.println(PlanJson.toText(StateJson.render(s)));
            } else {
                if (s.resources().isEmpty() && s.outputs().isEmpty()) {
                    out.println("The state is empty. No resources are managed yet.");
                }
                for (ResourceInstance r : s.resources().values()) {
                    StateText.instance(r, out);
                }
                OutputRenderer.text(s.outputs(), out, true);
            }
            out.flush();
        }
        return inv.finish(o);
    }
}
