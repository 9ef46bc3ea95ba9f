package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.value.Value;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The factory is found by ServiceLoader and answers name and schema without databricks-sdk-java. */
class FactoryTest {

    @Test
    void foundByServiceLoader() {
        boolean found = false;
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
            found |= f.name().equals("databricks");
        }
        assertTrue(found);
    }

    @Test
    void nameAndSchemaNeedNoSdkClass() throws Exception {
        URL module = DatabricksProviderFactory.class.getProtectionDomain().getCodeSource().getLocation();
        URL api = Value.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader noSdk = new URLClassLoader(new URL[] {module, api}, ClassLoader.getPlatformClassLoader())) {
            Class<?> f = noSdk.loadClass(DatabricksProviderFactory.class.getName());
            Object factory = f.getConstructor().newInstance();
            assertEquals("databricks", f.getMethod("name").invoke(factory));
            Object schema = f.getMethod("schema").invoke(factory);
            assertTrue(schema.toString().contains("databricks_permissions"));
            assertThrows(ClassNotFoundException.class, () -> noSdk.loadClass("com.databricks.sdk.core.ApiClient"),
                    "the SDK is really absent from this class loader");
            Class<?> cfg = noSdk.loadClass("dev.lockstep.api.provider.ProviderConfig");
            InvocationTargetException opened = assertThrows(InvocationTargetException.class,
                    () -> f.getMethod("open", cfg).invoke(factory, (Object) null));
            assertTrue(opened.getCause() instanceof NullPointerException || opened.getCause() instanceof LinkageError,
                    "open is where the SDK would load: " + opened.getCause());
        }
    }

    @Test
    void schemaHasEveryType() {
        ProviderSchema s = new DatabricksProviderFactory().schema();
        assertEquals(15, s.resources().size(), s.resources().keySet().toString());
        assertEquals(4, s.dataSources().size());
        assertTrue(s.config().attributes().get("token").sensitive());
        assertTrue(s.resources().get("databricks_secret").block().attributes().get("string_value").sensitive());
        assertTrue(s.resources().get("databricks_token").block().attributes().get("token_value").sensitive());
    }
}
