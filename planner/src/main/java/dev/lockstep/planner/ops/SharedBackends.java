package dev.lockstep.planner.ops;

import dev.lockstep.api.provider.SandboxOverrides;
import dev.lockstep.planner.config.Settings;
import dev.lockstep.state.BuildVersion;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import dev.lockstep.state.remote.BackendFactory;
import dev.lockstep.state.remote.RemoteBackend;
import dev.lockstep.state.remote.RemoteStore;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Connects a workspace to the shared backend its settings name: finds the type's
 * {@link BackendFactory}, opens its store (in sandbox mode against the sandbox's emulator of that
 * system) and puts a {@link RemoteBackend} on top.
 */
final class SharedBackends {

    private SharedBackends() {
    }

    static StateBackend open(Settings.Shared shared, int retention, Workspace.Request request, SandboxOverrides sandbox,
            dev.lockstep.state.crypto.Encryption encryption, Consumer<RemoteStore> opened) throws StateException {
        BackendFactory factory = null;
        for (BackendFactory f : ServiceLoader.load(BackendFactory.class)) {
            if (f.type().equals(shared.type())) {
                factory = f;
            }
        }
        if (factory == null) {
            throw new StateException("the " + shared.type() + " backend is not part of this lockstep build");
        }
        Map<String, String> overrides = sandbox.forProvider(factory.sandboxSystem());
        RemoteStore store = factory.open(new BackendConfig(shared.arguments(), request.environment(), request.dir(),
                overrides, request.log()));
        opened.accept(store);
        return new RemoteBackend(store, new RemoteBackend.Options(retention, shared.lockDuration(),
                request.dir().toString(), BuildVersion.get(), encryption));
    }
}
