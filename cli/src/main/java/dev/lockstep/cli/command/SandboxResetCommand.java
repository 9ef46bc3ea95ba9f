package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.sandbox.Sandbox;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sandbox reset}. */
@Command(name = "reset", mixinStandardHelpOptions = true, description = "Delete every emulator's data.")
final class SandboxResetCommand implements Callable<Integer> {
    @ParentCommand
    SandboxCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SandboxSupport ws = SandboxSupport.open(parent.root, spec);
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        if (Sandbox.running(ws.sandboxDir()).isPresent()) {
            spec.commandLine().getErr().println("error: Stop the running `lockstep sandbox serve` first.");
            spec.commandLine().getErr().flush();
            return ExitCode.ERROR.code();
        }
        Sandbox.reset(ws.sandboxDir());
        spec.commandLine().getOut().println("The sandbox is empty. (The lockstep state in " + ws.stateDir()
                + " is kept; `lockstep state rm` or deleting it starts over.)");
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
