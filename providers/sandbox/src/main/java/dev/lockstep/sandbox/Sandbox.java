package dev.lockstep.sandbox;

import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SecretsManagerEmulator;
import dev.lockstep.sandbox.databricks.DatabricksEmulator;
import dev.lockstep.sandbox.databricks.WorkspaceSettings;
import dev.lockstep.sandbox.http.DirectoryStateStore;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.Faults;
import dev.lockstep.sandbox.http.RequestLog;
import dev.lockstep.sandbox.SandboxFileException;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.sandbox.s3.S3Emulator;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.local.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * lockstep's sandbox: the Kubernetes, Databricks, Vault, Secrets Manager and S3 emulators on
 * loopback, with their data kept under one directory ({@code .lockstep/sandbox/} beside a
 * configuration) so that separate commands see the same systems. Each emulator starts on first
 * use; {@link #overrides} gives a provider the endpoint and credentials to use instead of its own.
 */
public final class Sandbox implements AutoCloseable {

    /**
     * The systems the sandbox can stand in for: the providers, and {@code s3} for the S3 state
     * backend.
     */
    public static final java.util.List<String> PROVIDERS = java.util.List.of("kubernetes", "databricks", "vault", "aws",
            "s3");

    /** The bucket the sandbox's S3 has from the start. */
    public static final String S3_BUCKET = "lockstep-sandbox";

    /** The AWS region the sandbox's Secrets Manager answers in. */
    public static final String AWS_REGION = "us-east-1";

    private final Path dir;
    private final int basePort;
    private final String faults;
    private SandboxKubernetes kubernetes;
    private DatabricksEmulator databricks;
    private VaultEmulator vault;
    private SecretsManagerEmulator aws;
    private S3Emulator s3;
    private Map<String, Integer> ports;
    private SandboxSeed seed;

    /**
     * @param dir where the emulators keep their data
     * @param basePort kubernetes on basePort, databricks +1, vault +2, aws +3, s3 +4; or 0 for the ports this sandbox
     *     had last time (remembered in {@link #portsFile}), free ones the first time or when those are taken
     * @param faults a {@link Faults#apply} spec applied to every emulator (null or empty for none)
     */
    public Sandbox(Path dir, int basePort, String faults) {
        this.dir = dir;
        this.basePort = basePort;
        this.faults = faults;
    }

    /**
     * The secrets Vault and Secrets Manager start with when their data does not exist yet (see
     * {@link SandboxSeed}); call before the first use of either.
     */
    public synchronized Sandbox withSeed(SandboxSeed seed) {
        this.seed = seed;
        return this;
    }

    /** Whether an emulator's data is new: nothing stored for it in this sandbox yet. */
    private boolean fresh(String provider) {
        return !Files.exists(dir.resolve(provider + ".json"));
    }

    /**
     * The port an emulator should listen on: basePort + offset when a base port was given, else
     * the port this sandbox's emulator had last time (0, ephemeral, the first time).
     */
    private int port(String provider, int offset) {
        if (basePort != 0) {
            return basePort + offset;
        }
        return rememberedPorts().getOrDefault(provider, 0);
    }

    /**
     * Creates the data directory (0700) and checks that files can be created in it, before any
     * emulator starts: an emulator that started on a directory it cannot write to would fail on its
     * first change, and again when it is stopped.
     */
    private void prepare() {
        try {
            SecureFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new SandboxFileException(DIRECTORY_PROBLEM, dir, null, "cannot create the sandbox directory: "
                    + FileProblem.reason(e), DIRECTORY_HINT, e);
        }
        try {
            Files.delete(Files.createTempFile(dir, ".write-check.", ".tmp", SecureFiles.privateFile()));
        } catch (IOException e) {
            throw new SandboxFileException(DIRECTORY_PROBLEM, dir, null, "cannot write to the sandbox directory: "
                    + FileProblem.reason(e), DIRECTORY_HINT, e);
        }
    }

    private static final String DIRECTORY_PROBLEM = "Unusable sandbox directory";
    private static final String DIRECTORY_HINT = "The sandbox keeps its emulators' data there: make it a writable "
            + "directory, or choose another one with LOCKSTEP_SANDBOX_DIR.";

    private void applyFaults(Faults f) {
        if (faults != null && !faults.isBlank()) {
            f.apply(faults);
        }
    }

    /**
     * Creates and starts an emulator on its port. Without a base port, the emulator gets the port
     * it had the last time this sandbox ran, so that URLs derived from it (a Databricks job's
     * {@code url}, a kubeconfig) stay the same from one command to the next; when that port is
     * taken now, a free one is used and remembered instead.
     */
    private <E> E started(String provider, int offset, IntFunction<E> create, Consumer<E> start, Consumer<E> discard,
            ToIntFunction<E> boundPort) {
        prepare();
        int wanted = port(provider, offset);
        E e = create.apply(wanted);
        try {
            start.accept(e);
        } catch (RuntimeException taken) {
            if (basePort != 0 || wanted == 0 || taken instanceof SandboxFileException) {
                throw taken;
            }
            discard.accept(e);
            e = create.apply(0);
            start.accept(e);
        }
        if (basePort == 0) {
            remember(provider, boundPort.applyAsInt(e));
        }
        return e;
    }

    public synchronized SandboxKubernetes kubernetes() {
        if (kubernetes == null) {
            kubernetes = started("kubernetes", 0, p -> new SandboxKubernetes(SandboxKubernetes.Options.defaults()
                    .withPort(p).withStore(new DirectoryStateStore(dir, "kubernetes"))
                    .withKubeconfig(dir.resolve("kubeconfig"))), SandboxKubernetes::start, SandboxKubernetes::stop,
                    k -> k.baseUri().getPort());
            applyFaults(kubernetes.faults());
        }
        return kubernetes;
    }

    public synchronized DatabricksEmulator databricks() {
        if (databricks == null) {
            databricks = started("databricks", 1, p -> new DatabricksEmulator(new WorkspaceSettings(),
                    EmulatorServer.Options.defaults().withPort(p).withStore(new DirectoryStateStore(dir, "databricks"))),
                    DatabricksEmulator::start, DatabricksEmulator::stop, d -> d.baseUri().getPort());
            applyFaults(databricks.faults());
        }
        return databricks;
    }

    public synchronized VaultEmulator vault() {
        if (vault == null) {
            boolean fresh = fresh("vault");
            vault = started("vault", 2, p -> new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults()
                    .withPort(p).withStore(new DirectoryStateStore(dir, "vault"))), VaultEmulator::start,
                    VaultEmulator::stop, v -> v.baseUri().getPort());
            if (fresh && seed != null) {
                seed.seedVault(vault);
            }
            applyFaults(vault.faults());
        }
        return vault;
    }

    public synchronized SecretsManagerEmulator aws() {
        if (aws == null) {
            boolean fresh = fresh("aws");
            aws = started("aws", 3, p -> new SecretsManagerEmulator(new AwsSettings(), EmulatorServer.Options.defaults()
                    .withPort(p).withStore(new DirectoryStateStore(dir, "aws"))), SecretsManagerEmulator::start,
                    SecretsManagerEmulator::stop, a -> a.baseUri().getPort());
            if (fresh && seed != null) {
                seed.seedAws(aws);
            }
            applyFaults(aws.faults());
        }
        return aws;
    }

    /** The S3 emulator (for the S3 state backend); its bucket {@link #S3_BUCKET} always exists. */
    public synchronized S3Emulator s3() {
        if (s3 == null) {
            s3 = started("s3", 4, p -> new S3Emulator(new AwsSettings(), EmulatorServer.Options.defaults()
                    .withPort(p).withStore(new DirectoryStateStore(dir, "s3"))), S3Emulator::start, S3Emulator::stop,
                    e -> e.baseUri().getPort());
            s3.ensureBucket(S3_BUCKET, AWS_REGION);
            applyFaults(s3.faults());
        }
        return s3;
    }

    /**
     * What is wrong with a fault specification (as given to {@code --faults} or in
     * LOCKSTEP_SANDBOX_FAULTS), or null when it is valid or empty.
     */
    public static String faultsProblem(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        try {
            new Faults().apply(spec);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage() == null ? "cannot read \"" + spec + "\"" : e.getMessage();
        }
    }

    /** The file in which a sandbox remembers its emulators' ports. */
    public static Path portsFile(Path dir) {
        return dir.resolve("ports.json");
    }

    private Map<String, Integer> rememberedPorts() {
        if (ports == null) {
            ports = new TreeMap<>();
            Path f = portsFile(dir);
            if (Files.exists(f)) {
                try {
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile()).fields().forEachRemaining(
                            e -> {
                                int p = e.getValue().asInt(0);
                                if (p > 0 && p < 65536) {
                                    ports.put(e.getKey(), p);
                                }
                            });
                } catch (IOException | RuntimeException e) {
                    // unreadable: start on free ports and write the file again
                }
            }
        }
        return ports;
    }

    private void remember(String provider, int port) {
        if (Integer.valueOf(port).equals(rememberedPorts().get(provider))) {
            return;
        }
        ports.put(provider, port);
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        ports.forEach(o::put);
        try {
            SecureFiles.writeAtomically(portsFile(dir), o.toPrettyString().getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            // best effort: the next command starts on other ports
        }
    }

    /**
     * The endpoint and credentials a provider should use in the sandbox, starting its emulator if
     * needed; empty for providers the sandbox does not stand in for.
     */
    public Map<String, String> overrides(String provider) {
        Map<String, String> m = new LinkedHashMap<>();
        switch (provider) {
            case "kubernetes": {
                SandboxKubernetes k = kubernetes();
                m.put("host", k.baseUri().toString());
                m.put("kubeconfig", dir.resolve("kubeconfig").toString());
                break;
            }
            case "databricks": {
                DatabricksEmulator d = databricks();
                m.put("host", d.baseUri().toString());
                m.put("token", d.adminToken());
                break;
            }
            case "vault": {
                VaultEmulator v = vault();
                m.put("address", v.baseUri().toString());
                m.put("token", v.rootToken());
                break;
            }
            case "aws": {
                SecretsManagerEmulator a = aws();
                m.put("endpoint", a.baseUri().toString());
                m.put("region", AWS_REGION);
                m.put("access_key", AwsSettings.DEFAULT_ACCESS_KEY);
                m.put("secret_key", AwsSettings.DEFAULT_SECRET_KEY);
                break;
            }
            case "s3": {
                S3Emulator e = s3();
                m.put("endpoint", e.baseUri().toString());
                m.put("region", AWS_REGION);
                m.put("access_key", AwsSettings.DEFAULT_ACCESS_KEY);
                m.put("secret_key", AwsSettings.DEFAULT_SECRET_KEY);
                m.put("bucket", S3_BUCKET);
                break;
            }
            default:
                break;
        }
        return m;
    }

    /** Request logs of the emulators started so far, by provider name. */
    public synchronized Map<String, RequestLog> requestLogs() {
        Map<String, RequestLog> m = new TreeMap<>();
        if (kubernetes != null) {
            m.put("kubernetes", kubernetes.requestLog());
        }
        if (databricks != null) {
            m.put("databricks", databricks.requestLog());
        }
        if (vault != null) {
            m.put("vault", vault.requestLog());
        }
        if (aws != null) {
            m.put("aws", aws.requestLog());
        }
        if (s3 != null) {
            m.put("s3", s3.requestLog());
        }
        return m;
    }

    /** Starts every emulator (for {@code sandbox serve}). */
    public void startAll() {
        for (String p : PROVIDERS) {
            overrides(p);
        }
    }

    /** The file a running {@code sandbox serve} announces its endpoints in. */
    public static Path serveFile(Path dir) {
        return dir.resolve("serve.json");
    }

    /** Announces this sandbox's endpoints (for {@code sandbox serve}) so other commands use them. */
    public void announce() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        o.put("pid", ProcessHandle.current().pid());
        com.fasterxml.jackson.databind.node.ObjectNode ps = o.putObject("providers");
        for (String p : PROVIDERS) {
            com.fasterxml.jackson.databind.node.ObjectNode po = ps.putObject(p);
            overrides(p).forEach(po::put);
        }
        SecureFiles.writeAtomically(serveFile(dir), o.toPrettyString().getBytes(StandardCharsets.UTF_8), true);
    }

    /** Withdraws the announcement (when {@code sandbox serve} stops). */
    public void withdraw() {
        try {
            Files.deleteIfExists(serveFile(dir));
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * The overrides announced by a {@code sandbox serve} that is still running on this data
     * directory, if any: commands must use it rather than start emulators on the same data.
     */
    public static java.util.Optional<Map<String, Map<String, String>>> running(Path dir) {
        Path f = serveFile(dir);
        if (!Files.exists(f)) {
            return java.util.Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    f.toFile());
            long pid = o.get("pid").asLong();
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
                return java.util.Optional.empty();
            }
            Map<String, Map<String, String>> out = new TreeMap<>();
            o.get("providers").fields().forEachRemaining(e -> {
                Map<String, String> m = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(x -> m.put(x.getKey(), x.getValue().asText()));
                out.put(e.getKey(), m);
            });
            return java.util.Optional.of(out);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Deletes every emulator's data (they must be stopped). */
    public static void reset(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Stops every emulator (each saves its data). All are stopped even when one fails; then the
     * first failure is thrown, with the others added to it as suppressed.
     */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (Runnable stop : new Runnable[] {
            kubernetes == null ? null : kubernetes::stop, databricks == null ? null : databricks::stop,
            vault == null ? null : vault::stop, aws == null ? null : aws::stop, s3 == null ? null : s3::stop}) {
            if (stop == null) {
                continue;
            }
            try {
                stop.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
