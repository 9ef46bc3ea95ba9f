package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.provider.kubernetes.client.KubeApi;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.provider.kubernetes.kind.Waits;
import java.time.Duration;

/**
 * What every handler of one provider instance shares: the API, the log, the settings and the
 * polling used for waits.
 *
 * @param api the cluster
 * @param log where progress goes (values are never written to it)
 * @param settings the provider block
 * @param waits bounded polling
 * @param maxConflictRetries how often an update re-reads and retries after a 409
 */
public record ProviderContext(KubeApi api, ProviderLog log, Settings settings, Waits waits, int maxConflictRetries) {

    /** The default field manager name sent with patches. */
    public static final String FIELD_MANAGER = "lockstep";

    public Duration deleteTimeout() {
        return settings.deleteTimeout();
    }
}
