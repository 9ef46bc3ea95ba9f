package dev.lockstep.secrets.vault;

import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.toolkit.RequestCounts;
import io.github.jopenlibs.vault.VaultException;
import java.util.Map;

/**
 * An opened {@code vault} provider: one data source, no resources. A token it obtained by logging
 * in is revoked when it closes, so a run leaves no live token behind.
 */
final class VaultProvider implements Provider {

    private final VaultClient client;
    private final RequestCounts counter;
    private final Scrubber scrubber;
    private final ProviderLog log;
    private final boolean ownsToken;
    private final VaultKvSecretSource kv;
    private boolean closed;

    VaultProvider(VaultClient client, RequestCounts counter, Scrubber scrubber, ProviderLog log, boolean ownsToken,
            boolean sandbox) {
        this.client = client;
        this.counter = counter;
        this.scrubber = scrubber;
        this.log = log;
        this.ownsToken = ownsToken;
        this.kv = new VaultKvSecretSource(client, scrubber, log, sandbox);
    }

    @Override
    public ResourceHandler resource(String type) {
        return null;
    }

    @Override
    public DataSourceHandler dataSource(String type) {
        return VaultSchemas.KV_SECRET.equals(type) ? kv : null;
    }

    @Override
    public Map<String, Long> requestCounts() {
        return counter.snapshot();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsToken) {
            try {
                client.revokeSelf();
                log.debug("vault: revoked the login token");
            } catch (VaultException | RuntimeException e) {
                log.warn("vault: revoking the login token failed (it expires with its lease): "
                        + scrubber.describe(e));
            }
        }
    }
}
