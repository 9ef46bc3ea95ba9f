package dev.lockstep.cli.command;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.state.State;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code state list}: the recorded instances. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the recorded resource instances.")
final class StateListCommand implements Callable<Integer> {

    @ParentCommand
    StateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ADDR", description = "Only these addresses (prefix match).")
    List<String> filters = List.of();

    @Override
    public Integer call() {
        Invocation inv = new Invocation(parent.root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<State> o = ws.state().current();
        if (o.ok()) {
            for (ResourceAddress a : o.result().resources().keySet()) {
                String t = a.toString();
                if (filters.isEmpty() || filters.stream().anyMatch(t::startsWith)) {
                    inv.out().println(t);
                }
            }
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
