package dev.lockstep.planner.schema;

import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.schema.SchemaSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The providers available to this process and their schemas: the built-in {@code terraform}
 * provider plus each {@link ProviderFactory} found by {@link ServiceLoader}. A provider's schema
 * is built on first use, so a configuration that does not mention a provider never touches it.
 */
public final class Schemas {

    private final Map<String, SchemaSource> sources = new LinkedHashMap<>();
    private final Map<String, ProviderFactory> factories = new LinkedHashMap<>();
    private final Map<String, ProviderSchema> loaded = new LinkedHashMap<>();

    private Schemas(List<SchemaSource> list) {
        for (SchemaSource s : list) {
            sources.putIfAbsent(s.name(), s);
            if (s instanceof ProviderFactory f) {
                factories.putIfAbsent(s.name(), f);
            }
        }
    }

    /** The built-in provider plus every provider module on the class path. */
    public static Schemas discover() {
        List<SchemaSource> list = new ArrayList<>();
        list.add(new dev.lockstep.planner.builtin.TerraformProviderFactory());
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
            list.add(f);
        }
        return new Schemas(list);
    }

    /** Exactly the given providers plus the built-in one (for tests). */
    public static Schemas of(SchemaSource... extra) {
        List<SchemaSource> list = new ArrayList<>();
        list.add(new dev.lockstep.planner.builtin.TerraformProviderFactory());
        list.addAll(List.of(extra));
        return new Schemas(list);
    }

    /** The factory that opens a provider, or null when the provider only declares a schema. */
    public ProviderFactory factory(String name) {
        return factories.get(name);
    }

    public synchronized boolean hasProvider(String name) {
        return sources.containsKey(name);
    }

    public Set<String> providerNames() {
        return new TreeSet<>(sources.keySet());
    }

    /** The schema of a provider, or null if no such provider is installed. */
    public synchronized ProviderSchema provider(String name) {
        ProviderSchema s = loaded.get(name);
        if (s == null) {
            SchemaSource src = sources.get(name);
            if (src == null) {
                return null;
            }
            s = src.schema();
            loaded.put(name, s);
        }
        return s;
    }

    /** The provider a type name belongs to: the part before the first underscore. */
    public static String providerOf(String type) {
        int i = type.indexOf('_');
        return i < 0 ? type : type.substring(0, i);
    }

    /** The schema of a managed resource type, or null. */
    public ResourceSchema resource(String type) {
        ProviderSchema p = provider(providerOf(type));
        return p == null ? null : p.resources().get(type);
    }

    /** The schema of a data source type, or null. */
    public ResourceSchema dataSource(String type) {
        ProviderSchema p = provider(providerOf(type));
        return p == null ? null : p.dataSources().get(type);
    }
}
