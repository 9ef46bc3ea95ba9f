package dev.lockstep.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.schema.SchemaSource;
import dev.lockstep.planner.schema.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The factory is found by ServiceLoader and answers name and schema without loading any fabric8 class. */
class FactoryTest {

    /** Loads the provider's classes itself and refuses every fabric8 class. */
    private static final class NoFabric8 extends ClassLoader {
        NoFabric8(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.fabric8.")) {
                throw new ClassNotFoundException("fabric8 is not allowed here: " + name);
            }
            if (!name.startsWith("dev.lockstep.provider.kubernetes.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    @Test
    void nameAndSchemaNeedNoClientClass() throws Exception {
        NoFabric8 loader = new NoFabric8(getClass().getClassLoader());
        SchemaSource s = (SchemaSource) loader.loadClass("dev.lockstep.provider.kubernetes.KubernetesProviderFactory")
                .getDeclaredConstructor().newInstance();
        assertEquals("kubernetes", s.name());
        ProviderSchema schema = s.schema();
        assertEquals(24, schema.resources().size(), schema.resources().keySet()::toString);
        assertEquals(6, schema.dataSources().size());
        // the loader does refuse fabric8: the client wrapper cannot be linked through it
        Class<?> api = loader.loadClass("dev.lockstep.provider.kubernetes.client.KubeApi");
        assertThrows(NoClassDefFoundError.class, api::getDeclaredMethods);
    }

    @Test
    void serviceLoaderFindsTheFactoryAsProviderAndSchemaSource() {
        Set<String> factories = StreamSupport.stream(ServiceLoader.load(ProviderFactory.class).spliterator(), false)
                .map(SchemaSource::name).collect(Collectors.toSet());
        assertTrue(factories.contains("kubernetes"), factories::toString);
        Schemas schemas = Schemas.discover();
        ResourceSchema rb = schemas.resource("kubernetes_role_binding");
        assertNotNull(rb);
        assertNotNull(schemas.resource("kubernetes_role_binding_v1"));
        assertNotNull(schemas.dataSource("kubernetes_secret"));
        NestedBlockSchema meta = rb.block().blocks().get("metadata");
        assertEquals(NestedBlockSchema.Nesting.LIST, meta.nesting());
        assertEquals(1, meta.maxItems());
        assertTrue(rb.block().blocks().get("role_ref").forceNew());
        assertTrue(schemas.resource("kubernetes_secret").block().attributes().get("data").sensitive());
    }
}
