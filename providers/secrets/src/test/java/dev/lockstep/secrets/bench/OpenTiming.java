package dev.lockstep.secrets.bench;

import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SecretsManagerEmulator;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.secrets.aws.AwsProviderFactory;
import dev.lockstep.secrets.vault.VaultProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Measures, in a fresh JVM, how long opening each provider and its first reads take against the
 * loopback emulators (a benchmark, never a test). Run it as docs/provider-secrets.md says.
 */
public final class OpenTiming {

    private OpenTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("lockstep-open-timing");
        SecretsManagerEmulator sm = new SecretsManagerEmulator();
        VaultEmulator vault = new VaultEmulator();
        sm.start();
        vault.start();
        try {
            sm.createSecret("us-east-1", "app/db", "value");
            vault.putSecret("secret/app/db", Map.of("k", "v"));
            Map<String, String> awsSandbox = Map.of("endpoint", sm.baseUri().toString(), "access_key",
                    AwsSettings.DEFAULT_ACCESS_KEY, "secret_key", AwsSettings.DEFAULT_SECRET_KEY);
            Map<String, String> vaultSandbox = Map.of("address", vault.baseUri().toString(), "token",
                    vault.rootToken());
            Value awsRead = Value.object(Map.of("secret_id", Value.string("app/db")));
            Value vaultRead = Value.object(Map.of("path", Value.string("app/db")));
            for (int round = 1; round <= 3; round++) {
                time("aws", round, new AwsProviderFactory(), awsSandbox, home, "aws_secretsmanager_secret", awsRead);
                time("vault", round, new VaultProviderFactory(), vaultSandbox, home, "vault_kv_secret", vaultRead);
            }
        } finally {
            sm.stop();
            vault.stop();
        }
    }

    private static void time(String name, int round, ProviderFactory f, Map<String, String> sandbox, Path home,
            String type, Value read) {
        long t0 = System.nanoTime();
        OpenResult r = f.open(new ProviderConfig(name, null, null, Map.of("HOME", home.toString()), home, home,
                sandbox, ProviderLog.NONE));
        long t1 = System.nanoTime();
        Provider p = r.provider();
        if (p == null) {
            throw new IllegalStateException(r.diagnostics().toString());
        }
        var first = p.dataSource(type).read(read);
        long t2 = System.nanoTime();
        p.dataSource(type).read(read);
        long t3 = System.nanoTime();
        p.close();
        if (first.state() == null) {
            throw new IllegalStateException(first.diagnostics().toString());
        }
        System.out.printf("%-5s round %d: open %6.1f ms, first read %6.1f ms, second read %5.1f ms%n", name, round,
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
