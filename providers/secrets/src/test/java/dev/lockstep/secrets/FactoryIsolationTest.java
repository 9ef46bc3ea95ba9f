package dev.lockstep.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.secrets.testing.RecordingLoader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The factories' {@code name()} and {@code schema()} (what validation and {@code --help} use) load no
 * class of the Vault driver or the AWS SDK; {@code open} does. Checked in a fresh class loader that
 * records every class it defines.
 */
class FactoryIsolationTest {

    @Test
    void nameAndSchemaLoadNoSdkClass() throws Exception {
        try (RecordingLoader loader = RecordingLoader.ofTestClassPath()) {
            Class<?> spi = loader.loadClass("dev.lockstep.api.provider.ProviderFactory");
            Method name = spi.getMethod("name");
            Method schema = spi.getMethod("schema");
            List<String> names = new ArrayList<>();
            for (Object f : ServiceLoader.load(spi, loader)) {
                names.add((String) name.invoke(f));
                Object s = schema.invoke(f);
                assertTrue(s.toString().contains("dataSources"), "a schema was built");
            }
            assertTrue(names.containsAll(List.of("vault", "aws")), names.toString());
            assertTrue(loader.loaded("dev.lockstep.secrets.vault.VaultSchemas"), "the check saw our classes");
            assertEquals(List.of(), loader.sdk(), "SDK classes loaded by name() or schema()");

            // and open is where they load (it fails here without settings; loading is what matters)
            Class<?> configType = loader.loadClass("dev.lockstep.api.provider.ProviderConfig");
            Object vaultFactory = loader.loadClass("dev.lockstep.secrets.vault.VaultProviderFactory")
                    .getConstructor().newInstance();
            java.lang.reflect.Constructor<?> eightArgs = java.util.Arrays.stream(configType.getConstructors())
                    .filter(c -> c.getParameterCount() == 8).findFirst().orElseThrow();
            Object emptyConfig = eightArgs.newInstance("vault", null, null,
                    java.util.Map.of("VAULT_ADDR", "http://127.0.0.1:9", "VAULT_TOKEN", "t"), null, null,
                    java.util.Map.of(), null);
            spi.getMethod("open", configType).invoke(vaultFactory, emptyConfig);
            assertFalse(loader.sdk().isEmpty(), "open loads the driver");
        }
    }
}
