package dev.lockstep.planner.testing;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.SchemaBuilder;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import dev.lockstep.state.remote.BackendFactory;
import dev.lockstep.state.remote.MemoryStore;
import dev.lockstep.state.remote.RemoteStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shared backend for the planner's tests, {@code backend "memory" { name = "x" }}: every
 * workspace of this JVM naming the same store shares it, as runners share a cluster or a bucket.
 */
public final class MemoryBackendFactory implements BackendFactory {

    private static final Map<String, MemoryStore> STORES = new ConcurrentHashMap<>();

    /** The store of that name (created empty on first use). */
    public static MemoryStore store(String name) {
        return STORES.computeIfAbsent(name, n -> new MemoryStore(2048));
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public BlockSchema schema() {
        return SchemaBuilder.block(SchemaBuilder.required("name", SchemaBuilder.STRING, "The store's name."),
                SchemaBuilder.optional("fail", SchemaBuilder.BOOL, "Refuse to open."));
    }

    @Override
    public RemoteStore open(BackendConfig config) throws StateException {
        Value fail = config.settings().get("fail");
        if (fail != null && !fail.isNull() && fail.asBool()) {
            throw new StateException("memory store " + config.settings().get("name").asString() + " is unreachable");
        }
        MemoryStore s = store(config.settings().get("name").asString());
        return new RemoteStore() {
            @Override
            public String describe() {
                return "memory store " + config.settings().get("name").asString();
            }

            @Override
            public int maxBlobBytes() {
                return s.maxBlobBytes();
            }

            @Override
            public void createBlob(String name, byte[] data) throws StateException {
                s.createBlob(name, data);
            }

            @Override
            public java.util.Optional<byte[]> readBlob(String name) throws StateException {
                return s.readBlob(name);
            }

            @Override
            public Map<String, byte[]> listBlobs(String prefix) throws StateException {
                return s.listBlobs(prefix);
            }

            @Override
            public void deleteBlob(String name) throws StateException {
                s.deleteBlob(name);
            }

            @Override
            public java.util.Optional<Versioned> readPointer() throws StateException {
                return s.readPointer();
            }

            @Override
            public String writePointer(Map<String, String> fields, String expectedVersion) throws StateException {
                return s.writePointer(fields, expectedVersion);
            }

            @Override
            public dev.lockstep.state.remote.LeaseStore lease() {
                return s.lease();
            }

            @Override
            public void close() {
            }
        };
    }
}
