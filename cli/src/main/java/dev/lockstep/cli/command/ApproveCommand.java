package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.ops.ApprovalOperations;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep approve PLANFILE -f KEY}: signs a saved plan. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approve a saved plan: write an SSH signature (SSHSIG, namespace lockstep-plan) of PLANFILE "
            + "into PLANFILE.approvals/, one file per signer.",
            "Equivalent: ssh-keygen -Y sign -n lockstep-plan -f KEY PLANFILE, then move PLANFILE.sig into "
                + "PLANFILE.approvals/ (for passphrase-protected keys and ssh-agent).",
            "Exit 0 signed, 1 error, 5 the plan file is not an intact plan."})
public final class ApproveCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PLANFILE", description = "A plan saved with `lockstep plan -o`.")
    Path planFile;

    @Option(names = "-f", required = true, paramLabel = "KEY", description = "The private key (OpenSSH format, "
            + "not passphrase-protected: Ed25519, ECDSA or RSA).")
    Path key;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<ApprovalOperations.Signed> o = ws.approvals().approve(planFile, key);
        if (o.ok()) {
            ApprovalOperations.Signed s = o.result();
            PrintWriter out = inv.out();
            out.println("Approved the plan " + s.planDigest() + " with the key " + s.fingerprint() + ".");
            out.println("Signature: " + ws.dir().relativize(s.signature().toAbsolutePath().normalize()));
            if (Boolean.FALSE.equals(s.trusted())) {
                inv.err().println(inv.style().yellow("warning") + ": the key " + s.fingerprint() + " is not among the "
                        + "approvals block's trusted keys, so this signature will not count.");
            } else if (s.trusted() == null) {
                out.println("This configuration has no approvals block: apply does not check signatures.");
            }
            out.flush();
            inv.err().flush();
        }
        return inv.finish(o);
    }
}
