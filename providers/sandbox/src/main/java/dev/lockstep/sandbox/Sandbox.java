package dev.lockstep.sandbox;

import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SecretsManagerEmulator;
import dev.lockstep.sandbox.databricks.DatabricksEmulator;
import dev.lockstep.sandbox.databricks.WorkspaceSettings;
import dev.lockstep.sandbox.http.DirectoryStateStore;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.Faults;
import dev.lockstep.sandbox.http.RequestLog;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * lockstep's sandbox: the Kubernetes, Databricks, Vault and Secrets Manager emulators on
 * loopback, with their data kept under one directory ({@code .lockstep/sandbox/} beside a
 * configuration) so that separate commands see the same systems. Each emulator starts on first
 * use; {@link #overrides} gives a provider the endpoint and credentials to use instead of its own.
 */
public final class Sandbox implements AutoCloseable {

    /** The providers the sandbox can stand in for. */
    public static final java.util.List<String> PROVIDERS = java.util.List.of("kubernetes", "databricks", "vault", "aws");

    /** The AWS region the sandbox's Secrets Manager answers in. */
    public static final String AWS_REGION = "us-east-1";

    private final Path dir;
    private final int basePort;
    private final String faults;
    private SandboxKubernetes kubernetes;
    private DatabricksEmulator databricks;
    private VaultEmulator vault;
    private SecretsManagerEmulator aws;

    /**
     * @param dir where the emulators keep their data
     * @param basePort 0 for ephemeral ports, else kubernetes on basePort, databricks +1, vault +2, aws +3
     * @param faults a {@link Faults#apply} spec applied to every emulator (null or empty for none)
     */
    public Sandbox(Path dir, int basePort, String faults) {
        this.dir = dir;
        this.basePort = basePort;
        this.faults = faults;
    }

    private int port(int offset) {
        return basePort == 0 ? 0 : basePort + offset;
    }

    private void prepare() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void applyFaults(Faults f) {
        if (faults != null && !faults.isBlank()) {
            f.apply(faults);
        }
    }

    public synchronized SandboxKubernetes kubernetes() {
        if (kubernetes == null) {
            prepare();
            kubernetes = new SandboxKubernetes(SandboxKubernetes.Options.defaults().withPort(port(0))
                    .withStore(new DirectoryStateStore(dir, "kubernetes")).withKubeconfig(dir.resolve("kubeconfig")));
            kubernetes.start();
            applyFaults(kubernetes.faults());
        }
        return kubernetes;
    }

    public synchronized DatabricksEmulator databricks() {
        if (databricks == null) {
            prepare();
            databricks = new DatabricksEmulator(new WorkspaceSettings(), EmulatorServer.Options.defaults()
                    .withPort(port(1)).withStore(new DirectoryStateStore(dir, "databricks")));
            databricks.start();
            applyFaults(databricks.faults());
        }
        return databricks;
    }

    public synchronized VaultEmulator vault() {
        if (vault == null) {
            prepare();
            vault = new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults().withPort(port(2))
                    .withStore(new DirectoryStateStore(dir, "vault")));
            vault.start();
            applyFaults(vault.faults());
        }
        return vault;
    }

    public synchronized SecretsManagerEmulator aws() {
        if (aws == null) {
            prepare();
            aws = new SecretsManagerEmulator(new AwsSettings(), EmulatorServer.Options.defaults().withPort(port(3))
                    .withStore(new DirectoryStateStore(dir, "aws")));
            aws.start();
            applyFaults(aws.faults());
        }
        return aws;
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
        Path f = serveFile(dir);
        Path tmp = f.resolveSibling("serve.json.tmp");
        Files.writeString(tmp, o.toPrettyString());
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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

    @Override
    public synchronized void close() {
        if (kubernetes != null) {
            kubernetes.stop();
        }
        if (databricks != null) {
            databricks.stop();
        }
        if (vault != null) {
            vault.stop();
        }
        if (aws != null) {
            aws.stop();
        }
    }
}
