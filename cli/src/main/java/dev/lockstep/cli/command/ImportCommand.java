package dev.lockstep.cli.command;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep import ADDR ID}: brings an existing object under management. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Bring an existing object under management at ADDR.",
            "ID is the provider's id for it (kubernetes: namespace/name, or name for cluster-scoped kinds). The "
                + "resource block for ADDR must already be in the configuration."})
public final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ADDR")
    String address;

    @Parameters(index = "1", paramLabel = "ID")
    String id;

    @Mixin
    VariableOptions variables;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(root, spec);
        ResourceAddress a;
        try {
            a = ResourceAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return inv.usage(e.getMessage());
        }
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<ResourceAddress> o = ws.operations().importObject(a, id, variables.inputs(), lock.timeout());
        if (o.ok()) {
            inv.out().println(inv.style().green("Import successful!"));
            inv.out().println();
            inv.out().println("The object is now managed as " + a + ". Run `lockstep plan` to see how it differs from "
                    + "the configuration.");
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
