package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.client.Settings;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Values;
import java.time.Duration;
import java.util.Map;

/**
 * Ingresses: a path's {@code path_type} defaults to ImplementationSpecific; with
 * {@code wait_for_load_balancer} a create waits until the controller reports an address.
 */
final class IngressHooks implements KindHooks {

    @Override
    public Value plan(Value planned, Value config, Value prior, Diagnostics diags) {
        return Defaults.first(planned, config, "spec", (spec, cspec) -> Defaults.eachPair(spec, cspec, "rule",
                (rule, crule) -> Defaults.first(rule, crule, "http", (http, chttp) -> Defaults.eachPair(http, chttp,
                        "path", (path, cpath) -> Defaults.fill(path, cpath, "path_type",
                                Value.string("ImplementationSpecific"))))));
    }

    @Override
    public void afterCreate(Waits waits, Kind k, Value planned, Map<String, Object> created, Diagnostics diags) {
        if (!Values.bool(planned, "wait_for_load_balancer", false)) {
            return;
        }
        Map<String, Object> meta = Json.object(created, "metadata");
        String ns = Json.string(meta, "namespace");
        String name = Json.string(meta, "name");
        Duration timeout = Settings.duration(Values.string(Values.attr(planned, "timeouts"), "create"),
                Duration.ofMinutes(20));
        ResourceType t = k.api();
        waits.log().info("kubernetes: waiting up to " + timeout.toSeconds() + "s for a load balancer address on "
                + t.describe(ns, name));
        boolean ok = waits.until(timeout, () -> {
            Map<String, Object> lb = Json.object(Json.object(waits.api().get(t, ns, name), "status"), "loadBalancer");
            return !Json.array(lb, "ingress").isEmpty();
        });
        if (!ok) {
            diags.error("No load balancer address", t.describe(ns, name) + " has no load balancer address after "
                    + timeout.toSeconds() + "s.", null);
        }
    }
}
