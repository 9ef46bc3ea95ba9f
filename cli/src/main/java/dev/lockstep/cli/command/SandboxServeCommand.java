package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.sandbox.Sandbox;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sandbox serve}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the emulators until interrupted and print how to reach each one.")
final class SandboxServeCommand implements Callable<Integer> {
    @ParentCommand
    SandboxCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Kubernetes on N, Databricks on N+1, Vault on N+2, Secrets Manager on N+3, S3 on N+4 "
                + "(default: free ports).")
    int port;

    @Option(names = "--faults", paramLabel = "SPEC", description = "Inject faults into every emulator, such as "
            + "latency=50ms,burst429=10,5xx=0.05 (default: LOCKSTEP_SANDBOX_FAULTS; see docs/sandbox.md).")
    String faults;

    @Override
    public Integer call() throws Exception {
        SandboxSupport ws = SandboxSupport.open(parent.root, spec);
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Sandbox.running(ws.sandboxDir()).isPresent()) {
            err.println("error: A `lockstep sandbox serve` is already running for " + ws.dir() + ".");
            err.flush();
            return ExitCode.ERROR.code();
        }
        String faultSpec = faults == null ? System.getenv("LOCKSTEP_SANDBOX_FAULTS") : faults;
        if (!ws.faultsValid(faultSpec, faults == null ? "LOCKSTEP_SANDBOX_FAULTS" : "--faults", err)
                || !ws.seedValid(err)) {
            return ExitCode.ERROR.code();
        }
        Sandbox s = ws.newSandbox(port, faultSpec);
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            s.withdraw();
            s.close();
            stop.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        s.startAll();
        s.announce();
        Map<String, String> k = s.overrides("kubernetes");
        Map<String, String> d = s.overrides("databricks");
        Map<String, String> v = s.overrides("vault");
        Map<String, String> a = s.overrides("aws");
        Map<String, String> b = s.overrides("s3");
        String howToStop = Interrupts.sigintIgnored() ? "SIGINT is ignored in this process; stop it with: kill "
                + ProcessHandle.current().pid() : "Ctrl-C stops it.";
        out.println("lockstep sandbox is running; commands with --sandbox in " + ws.dir() + " use it. " + howToStop);
        out.println("Data: " + ws.sandboxDir());
        out.println();
        out.println("Kubernetes       " + k.get("host"));
        out.println("  export KUBECONFIG=" + k.get("kubeconfig"));
        out.println("  curl " + k.get("host") + "/api/v1/namespaces     (or: kubectl --raw /api/v1/namespaces)");
        out.println("Databricks       " + d.get("host"));
        out.println("  export DATABRICKS_HOST=" + d.get("host") + " DATABRICKS_TOKEN=" + d.get("token"));
        out.println("  curl -H \"Authorization: Bearer " + d.get("token") + "\" " + d.get("host")
                + "/api/2.1/clusters/list");
        out.println("Vault            " + v.get("address"));
        out.println("  export VAULT_ADDR=" + v.get("address") + " VAULT_TOKEN=" + v.get("token"));
        out.println("  curl -H \"X-Vault-Token: " + v.get("token") + "\" -d '{\"data\":{\"password\":\"s3cret\"}}' "
                + v.get("address") + "/v1/secret/data/team/db");
        out.println("Secrets Manager  " + a.get("endpoint") + " (region " + a.get("region") + ")");
        out.println("  export AWS_ENDPOINT_URL=" + a.get("endpoint") + " AWS_REGION=" + a.get("region")
                + " AWS_DEFAULT_REGION=" + a.get("region") + " AWS_ACCESS_KEY_ID=" + a.get("access_key") + " AWS_SECRET_ACCESS_KEY=" + a.get("secret_key"));
        out.println("S3               " + b.get("endpoint") + " (region " + b.get("region") + ", bucket " + b.get("bucket")
                + ", path-style)");
        out.println("  export AWS_ENDPOINT_URL_S3=" + b.get("endpoint") + " AWS_REGION=" + b.get("region")
                + " AWS_ACCESS_KEY_ID=" + b.get("access_key") + " AWS_SECRET_ACCESS_KEY=" + b.get("secret_key"));
        out.println("  aws s3 ls s3://" + b.get("bucket") + " --recursive");
        out.flush();
        stop.await();
        return ExitCode.OK.code();
    }
}
