package dev.lockstep.cli.command;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.render.OutputRenderer;
import dev.lockstep.cli.render.StateText;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code state show ADDR} or {@code state show --serial N}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one recorded instance, or a whole past state version with --serial.")
final class StateShowCommand implements Callable<Integer> {

    @ParentCommand
    StateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ADDR")
    String address;

    @Option(names = "--serial", paramLabel = "N", description = "Show the state as it was at this serial.")
    Long serial;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(parent.root, spec);
        ResourceAddress a = null;
        try {
            a = address == null ? null : ResourceAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return inv.usage(e.getMessage());
        }
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<State> o = serial == null ? ws.state().current() : ws.state().at(serial);
        if (!o.ok()) {
            return inv.finish(o);
        }
        State s = o.result();
        PrintWriter out = inv.out();
        if (a == null) {
            out.println("# state serial " + s.serial() + ", lineage " + s.lineage());
            for (ResourceInstance r : s.resources().values()) {
                StateText.instance(r, out);
            }
            OutputRenderer.text(s.outputs(), out, true);
            out.flush();
            return inv.finish(o);
        }
        ResourceInstance r = s.resource(a);
        if (r == null) {
            return inv.usage("No instance " + a + " in the state; `lockstep state list` shows what is there.");
        }
        StateText.instance(r, out);
        out.flush();
        return inv.finish(o);
    }
}
