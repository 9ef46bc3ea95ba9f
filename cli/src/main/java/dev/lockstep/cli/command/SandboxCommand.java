package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep sandbox serve|reset|put-secret}: the loopback emulators as long-lived servers, and their data. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"The sandbox: loopback emulators of Kubernetes, Databricks, Vault and Secrets Manager whose "
            + "data lives in .lockstep/sandbox/ beside the configuration.",
            "Commands run with --sandbox use them; `sandbox serve` keeps them running so you can change things out "
                + "of band (curl, kubectl --raw) and watch `drift` find it."},
        subcommands = {SandboxCommand.Serve.class, SandboxCommand.Reset.class, SandboxCommand.PutSecret.class})
public final class SandboxCommand implements Runnable {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sandbox serve}. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the emulators until interrupted and print how to reach each one.")
    static final class Serve implements Callable<Integer> {
        @ParentCommand
        SandboxCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--port", paramLabel = "N", defaultValue = "0",
                description = "Kubernetes on N, Databricks on N+1, Vault on N+2, Secrets Manager on N+3 "
                    + "(default: free ports).")
        int port;

        @Option(names = "--faults", paramLabel = "SPEC", description = "Inject faults into every emulator, such as "
                + "latency=50ms,burst429=10,5xx=0.05 (default: LOCKSTEP_SANDBOX_FAULTS; see docs/sandbox.md).")
        String faults;

        @Override
        public Integer call() throws Exception {
            Workspace ws = Workspace.open(parent.root);
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
            out.flush();
            stop.await();
            return ExitCode.OK.code();
        }
    }

    /** {@code sandbox reset}. */
    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Delete every emulator's data.")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        SandboxCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Workspace ws = Workspace.open(parent.root);
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

    /** {@code sandbox put-secret vault PATH KEY=VALUE...} or {@code sandbox put-secret aws NAME VALUE}. */
    @Command(name = "put-secret", mixinStandardHelpOptions = true,
            description = {"Seed a secret: `put-secret vault secret/team/db password=s3cret user=app` (mount/path) or "
                + "`put-secret aws team/db s3cret` (name, value)."})
    static final class PutSecret implements Callable<Integer> {
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
            Workspace ws = Workspace.open(parent.root);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            var served = Sandbox.running(ws.sandboxDir());
            if (!ws.seedValid(err)) {
                return ExitCode.ERROR.code();
            }
            switch (system) {
                case "vault": {
                    int slash = path.indexOf('/');
                    if (slash <= 0) {
                        err.println("error: Give the Vault path as mount/path, such as secret/team/db.");
                        err.flush();
                        return ExitCode.ERROR.code();
                    }
                    Map<String, String> data = new LinkedHashMap<>();
                    for (String kv : values) {
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            err.println("error: Vault values are KEY=VALUE pairs.");
                            err.flush();
                            return ExitCode.ERROR.code();
                        }
                        data.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    if (served.isPresent()) {
                        Map<String, String> v = served.get().get("vault");
                        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                                Map.of("data", data));
                        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                v.get("address") + "/v1/" + path.substring(0, slash) + "/data/" + path.substring(slash + 1)))
                                .header("X-Vault-Token", v.get("token")).POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 != 2) {
                            err.println("error: Vault answered HTTP " + r.statusCode() + ".");
                            err.flush();
                            return ExitCode.ERROR.code();
                        }
                    } else {
                        try (Sandbox s = ws.newSandbox(0, null)) {
                            try {
                                s.vault().putSecret(path, data);
                            } catch (IllegalArgumentException noMount) {
                                s.vault().mount(path.substring(0, slash));
                                s.vault().putSecret(path, data);
                            }
                        }
                    }
                    out.println("Stored " + data.size() + " key" + (data.size() == 1 ? "" : "s") + " at " + path
                            + " in the sandbox's Vault.");
                    break;
                }
                case "aws": {
                    if (values.size() != 1) {
                        err.println("error: Give one value for an AWS secret: put-secret aws NAME VALUE.");
                        err.flush();
                        return ExitCode.ERROR.code();
                    }
                    if (served.isPresent()) {
                        err.println("error: While `sandbox serve` runs, seed Secrets Manager with the AWS CLI: aws "
                                + "--endpoint-url " + served.get().get("aws").get("endpoint")
                                + " secretsmanager create-secret --name " + path + " --secret-string VALUE");
                        err.flush();
                        return ExitCode.ERROR.code();
                    }
                    try (Sandbox s = ws.newSandbox(0, null)) {
                        if (!putAws(s, path, values.get(0))) {
                            s.aws().createSecret(Sandbox.AWS_REGION, path, values.get(0));
                        }
                    }
                    out.println("Stored " + path + " in the sandbox's Secrets Manager (region " + Sandbox.AWS_REGION
                            + ").");
                    break;
                }
                default:
                    err.println("error: put-secret takes vault or aws, not \"" + system + "\".");
                    err.flush();
                    return ExitCode.ERROR.code();
            }
            out.flush();
            return ExitCode.OK.code();
        }

        /** Puts a new version of an existing secret; false when the secret does not exist yet. */
        private static boolean putAws(Sandbox s, String name, String value) {
            try {
                s.aws().putSecretValue(Sandbox.AWS_REGION, name, value);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}
