package dev.lockstep.cli.command;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.VersionInfo;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.state.Identity;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.local.GitHead;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ResourceAddress a;
        try {
            a = ResourceAddress.parse(address);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCode.ERROR.code();
        }
        Workspace ws = Workspace.open(root);
        int[] code = {0};
        try (Session s = ws.session("import", variables, true, lock.timeout(), err, code)) {
            if (s == null) {
                return code[0];
            }
            SnapshotInfo info = new SnapshotInfo(0, Instant.now(), Identity.userAtHost(), "import", null,
                    GitHead.commitOf(ws.dir()).orElse(null), VersionInfo.version());
            Session.Applied r = s.importInstance(a, id, info);
            ws.printDiagnostics(r.diagnostics(), s.config().sources(), err);
            if (r.diagnostics().hasErrors()) {
                return ExitCode.ERROR.code();
            }
            Audit.simple(ws, "import", List.of(a.toString()), "import", s.lock());
            out.println(root.style().green("Import successful!"));
            out.println();
            out.println("The object is now managed as " + a + ". Run `lockstep plan` to see how it differs from the "
                    + "configuration.");
            out.flush();
            return ExitCode.OK.code();
        } catch (StateException e) {
            return ws.stateError(e, err);
        }
    }
}
