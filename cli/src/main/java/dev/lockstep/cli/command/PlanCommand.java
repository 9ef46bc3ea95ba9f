package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.ops.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep plan}: shows what an apply would change, optionally saving the plan for a later apply. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the changes that would make the live systems match the configuration.",
            "Exit 0 (no changes, or any plan without --detailed-exitcode), 1 error, 2 changes present with "
                + "--detailed-exitcode, 4 state locked."})
public final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Mixin
    PlanFlags flags;

    @Mixin
    LockOptions lock;

    @Option(names = "--destroy", description = "Plan to destroy every managed object.")
    boolean destroy;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Save the plan to FILE for `lockstep apply FILE`.")
    Path out;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes.")
    boolean detailedExitcode;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or markdown.")
    OutputFormat format = OutputFormat.text;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Workspace ws = Workspace.open(root);
        ws.allowLockout(flags.allowLockout);
        int[] code = {0};
        var options = Args.planOptions(flags, destroy, err);
        if (options == null) {
            return ExitCode.ERROR.code();
        }
        try (Session s = ws.session("plan", variables, true, lock.timeout(), err, code)) {
            if (s == null) {
                return code[0];
            }
            if (out != null) {
                try {
                    // a saved plan names the state's lineage and hash key: fix them now for a new configuration
                    s.ensurePersisted(new dev.lockstep.state.backend.SnapshotInfo(0, java.time.Instant.now(),
                            dev.lockstep.state.Identity.userAtHost(), "plan", null, null,
                            dev.lockstep.cli.VersionInfo.version()));
                } catch (dev.lockstep.state.backend.StateException e) {
                    return ws.stateError(e, err);
                }
            }
            Planner.Result r = s.plan(options);
            ws.printDiagnostics(r.diagnostics(), s.config().sources(), err);
            if (r.diagnostics().hasErrors()) {
                return ExitCode.ERROR.code();
            }
            PlanOutput.render(r.plan(), format, root.style(), BodySchemas.of(ws.schemas()), stdout,
                    s.providers().requestCounts());
            if (out != null) {
                int saved = PlanFiles.save(r, s, options, out, err);
                if (saved != 0) {
                    return saved;
                }
                if (format == OutputFormat.text) {
                    stdout.println();
                    stdout.println("Saved the plan to: " + out);
                    stdout.println("To perform exactly these actions, run: lockstep apply " + out);
                    stdout.flush();
                }
            }
            return detailedExitcode && r.plan().hasChanges() ? ExitCode.CHANGES.code() : ExitCode.OK.code();
        }
    }
}
