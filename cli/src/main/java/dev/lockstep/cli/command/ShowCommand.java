package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.cli.render.OutputRenderer;
import dev.lockstep.cli.render.PlanJsonReader;
import dev.lockstep.cli.render.PlanJsonRenderer;
import dev.lockstep.planner.schema.Schemas;
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
        description = "Show a saved plan (refused with exit 5 if it was altered), or without PLANFILE the current state.")
public final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE")
    Path planFile;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or markdown.")
    OutputFormat format = OutputFormat.text;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (planFile != null) {
            PlanFiles.Loaded l = PlanFiles.load(planFile, err);
            if (l == null) {
                return ExitCode.PLAN_REFUSED.code();
            }
            if (format == OutputFormat.json) {
                out.println(PlanJsonRenderer.toText(l.plan()));
                out.flush();
            } else {
                PlanOutput.render(PlanJsonReader.read(l.plan()), format, root.style(),
                        BodySchemas.of(Schemas.discover()), out);
            }
            return ExitCode.OK.code();
        }
        Workspace ws = Workspace.open(root);
        int[] code = {0};
        State s = StateCommand.load(ws, null, err, code);
        if (s == null) {
            return code[0];
        }
        if (s.resources().isEmpty() && s.outputs().isEmpty()) {
            out.println("The state is empty. No resources are managed yet.");
        }
        for (ResourceInstance r : s.resources().values()) {
            StateCommand.ShowCmd.print(r, out);
        }
        OutputRenderer.text(s.outputs(), out, true);
        out.flush();
        return ExitCode.OK.code();
    }
}
