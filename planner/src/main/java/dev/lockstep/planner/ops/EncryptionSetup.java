package dev.lockstep.planner.ops;

import dev.lockstep.api.provider.SandboxOverrides;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.EncryptionSettings;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.crypto.AesGcm;
import dev.lockstep.state.crypto.Encryption;
import dev.lockstep.state.crypto.EncryptionException;
import dev.lockstep.state.crypto.KeyProvider;
import dev.lockstep.state.crypto.KeyProviderFactory;
import dev.lockstep.state.crypto.Method;
import dev.lockstep.state.crypto.Pbkdf2KeyProvider;
import dev.lockstep.state.crypto.Unencrypted;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Turns a checked {@code encryption} block into the {@link Encryption} policies of state and plan
 * files: builds each key provider that a used method names (deriving nothing yet: PBKDF2 runs when a
 * file is first sealed or opened; a secret store is read now), each method, and each target. A
 * problem is a {@link StateException} naming the block and what to fix, never a key.
 */
final class EncryptionSetup {

    /** The two policies; {@link Encryption#NONE} where the block has no {@code state} or {@code plan}. */
    record Policies(Encryption state, Encryption plan) {
        static final Policies NONE = new Policies(Encryption.NONE, Encryption.NONE);
    }

    private final EncryptionSettings settings;
    private final Map<String, String> environment;
    private final SandboxOverrides sandbox;
    private final Map<String, KeyProvider> built = new HashMap<>();

    EncryptionSetup(EncryptionSettings settings, Map<String, String> environment, SandboxOverrides sandbox) {
        this.settings = settings;
        this.environment = environment;
        this.sandbox = sandbox;
    }

    Policies resolve() throws StateException {
        if (settings == null) {
            return Policies.NONE;
        }
        return new Policies(target(settings.state(), "state"), target(settings.plan(), "plan"));
    }

    private Encryption target(EncryptionSettings.Target t, String what) throws StateException {
        if (t == null) {
            return Encryption.NONE;
        }
        try {
            Method primary = method(t.method());
            Optional<Method> fallback = t.fallback() == null ? Optional.empty() : Optional.of(method(t.fallback()));
            return Encryption.of(primary, fallback, t.enforced());
        } catch (EncryptionException e) {
            throw new StateException("lockstep { encryption { " + what + " } } at " + t.range().file() + ":"
                    + t.range().start().line() + ": " + e.getMessage(), e);
        }
    }

    private Method method(String name) throws EncryptionException {
        EncryptionSettings.Method m = settings.methods().get(name);
        if (m.type().equals("unencrypted")) {
            return Unencrypted.METHOD;
        }
        return AesGcm.with(keyProvider(m.keys()));
    }

    private KeyProvider keyProvider(String name) throws EncryptionException {
        KeyProvider k = built.get(name);
        if (k != null) {
            return k;
        }
        EncryptionSettings.KeyProvider kp = settings.keyProviders().get(name);
        Value a = kp.arguments();
        if (kp.type().equals("pbkdf2")) {
            Pbkdf2KeyProvider.Options o = Pbkdf2KeyProvider.Options.DEFAULTS;
            if (isSet(a, "key_length")) {
                o = o.withKeyLength(a.get("key_length").asNumber().intValue());
            }
            if (isSet(a, "iterations")) {
                o = o.withIterations(a.get("iterations").asNumber().intValue());
            }
            if (isSet(a, "hash_function")) {
                o = o.withHashFunction(a.get("hash_function").asString());
            }
            if (isSet(a, "salt_length")) {
                o = o.withSaltLength(a.get("salt_length").asNumber().intValue());
            }
            k = Pbkdf2KeyProvider.create(kp.label(), a.get("passphrase").asString().toCharArray(), o);
        } else {
            KeyProviderFactory f = null;
            for (KeyProviderFactory candidate : ServiceLoader.load(KeyProviderFactory.class)) {
                if (candidate.type().equals(kp.type())) {
                    f = candidate;
                }
            }
            if (f == null) {
                throw new EncryptionException("the key provider type " + kp.type() + " is not part of this build");
            }
            k = f.open(kp.label(), a, environment, sandbox.forProvider(f.sandboxSystem()));
        }
        built.put(name, k);
        return k;
    }

    private static boolean isSet(Value obj, String attr) {
        Value v = obj.get(attr);
        return v != null && !v.isNull();
    }
}
