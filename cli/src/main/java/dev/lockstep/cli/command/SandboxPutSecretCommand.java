package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.sandbox.Sandbox;
import dev.lockstep.sandbox.SandboxSecrets;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sandbox put-secret vault PATH KEY=VALUE...} or {@code sandbox put-secret aws NAME VALUE}. */
@Command(name = "put-secret", mixinStandardHelpOptions = true,
        description = {"Seed a secret: `put-secret vault secret/team/db password=s3cret user=app` (mount/path) or "
            + "`put-secret aws team/db s3cret` (name, value)."})
final class SandboxPutSecretCommand implements Callable<Integer> {

    @ParentCommand
    SandboxCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "vault|aws")
    String system;

    @Parameters(index = "1", paramLabel = "PATH|NAME")
    String path;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "VALUE")
    List<String> values;

    @Override
    public Integer call() throws Exception {
        Invocation inv = new Invocation(parent.root, spec);
        SandboxSupport ws = SandboxSupport.open(parent.root, spec);
        if (ws == null || !ws.seedValid(inv.err())) {
            return ExitCode.ERROR.code();
        }
        PrintWriter out = inv.out();
        Map<String, Map<String, String>> served = Sandbox.running(ws.sandboxDir()).orElse(null);
        if (system.equals("vault")) {
            Map<String, String> data = new LinkedHashMap<>();
            for (String kv : values) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    return inv.usage("Vault values are KEY=VALUE pairs.");
                }
                data.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            if (path.indexOf('/') <= 0) {
                return inv.usage("Give the Vault path as mount/path, such as secret/team/db.");
            }
            try (Sandbox s = served == null ? ws.newSandbox(0, null) : null) {
                String failed = SandboxSecrets.putVault(s, served, path, data);
                if (failed != null) {
                    return inv.usage(failed);
                }
            }
            out.println("Stored " + data.size() + " key" + (data.size() == 1 ? "" : "s") + " at " + path
                    + " in the sandbox's Vault.");
        } else if (system.equals("aws")) {
            if (values.size() != 1) {
                return inv.usage("Give one value for an AWS secret: put-secret aws NAME VALUE.");
            }
            if (served != null) {
                return inv.usage("While `sandbox serve` runs, seed Secrets Manager with the AWS CLI: aws --endpoint-url "
                        + served.get("aws").get("endpoint") + " secretsmanager create-secret --name " + path
                        + " --secret-string VALUE");
            }
            try (Sandbox s = ws.newSandbox(0, null)) {
                SandboxSecrets.putAws(s, path, values.get(0));
            }
            out.println("Stored " + path + " in the sandbox's Secrets Manager (region " + Sandbox.AWS_REGION + ").");
        } else {
            return inv.usage("put-secret takes vault or aws, not \"" + system + "\".");
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
