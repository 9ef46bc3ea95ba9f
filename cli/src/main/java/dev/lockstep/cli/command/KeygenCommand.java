package dev.lockstep.cli.command;

import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.ops.KeyFiles;
import dev.lockstep.planner.ops.Outcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep keygen -f FILE}: a new Ed25519 key pair for approving plans. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Write a new Ed25519 key pair for approving plans: FILE (the private key, mode 0600) and "
            + "FILE.pub, both in OpenSSH format, so ssh-keygen and ssh-agent can use them too.",
            "Add the FILE.pub line to trusted_keys in the approvals block. Existing SSH keys work as well."})
public final class KeygenCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "-f", required = true, paramLabel = "FILE", description = "The private key file to write "
            + "(relative to the configuration directory); the public key goes to FILE.pub. Never replaced.")
    Path file;

    @Option(names = "--comment", paramLabel = "COMMENT", description = "The key's comment, shown as the signer's name "
            + "(default: user@host).")
    String comment;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(root, spec);
        String c = comment != null ? comment : dev.lockstep.state.Identity.userAtHost();
        Outcome<KeyFiles.Written> o = KeyFiles.generate(root.dir().resolve(file).normalize(), c);
        if (o.ok()) {
            PrintWriter out = inv.out();
            out.println("Your private key is in " + file + " (mode 0600). Keep it secret.");
            out.println("Your public key is in " + file + ".pub:");
            out.println("  " + o.result().publicLine());
            out.println("The key fingerprint is " + o.result().fingerprint() + ".");
            out.println("To let this key approve plans, add the public key line to trusted_keys in the approvals "
                    + "block of the lockstep block.");
            out.flush();
        }
        return inv.finish(o);
    }
}
