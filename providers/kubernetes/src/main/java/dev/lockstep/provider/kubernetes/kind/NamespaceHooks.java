package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Values;
import java.time.Duration;
import java.util.Map;

/** Namespaces: with {@code wait_for_default_service_account}, a create waits until "default" exists. */
final class NamespaceHooks implements KindHooks {

    static final ResourceType SERVICE_ACCOUNTS = new ResourceType("v1", "ServiceAccount", "serviceaccounts", true);
    static final Duration WAIT = Duration.ofMinutes(1);

    @Override
    public void afterCreate(Waits waits, Kind k, Value planned, Map<String, Object> created, Diagnostics diags) {
        if (!Values.bool(planned, "wait_for_default_service_account", false)) {
            return;
        }
        String ns = Json.string(Json.object(created, "metadata"), "name");
        waits.log().info("kubernetes: waiting for the default service account of namespace " + ns);
        if (!waits.until(WAIT, () -> waits.api().get(SERVICE_ACCOUNTS, ns, "default") != null)) {
            diags.error("Default service account missing", "Namespace " + ns + " has no service account \"default\" "
                    + "after " + WAIT.toSeconds() + "s; is the service account controller running?", null);
        }
    }
}
