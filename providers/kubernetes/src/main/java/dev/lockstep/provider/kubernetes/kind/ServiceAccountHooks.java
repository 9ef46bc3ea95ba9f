package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Service accounts: {@code automount_service_account_token} defaults to true, and
 * {@code default_secret_name} is the token secret the server created, when exactly one of the
 * account's secrets is named like one ({@code <name>-token-xxxxx}; clusters before 1.24).
 */
final class ServiceAccountHooks implements KindHooks {

    @Override
    public Value decode(Kind k, Map<String, Object> json, Value prior) {
        Value base = k.codec().decode(k.schema(), json);
        String name = Json.string(Json.object(json, "metadata"), "name");
        List<String> tokens = new ArrayList<>();
        for (Object o : Json.array(json, "secrets")) {
            if (o instanceof Map<?, ?> m && m.get("name") != null
                    && String.valueOf(m.get("name")).startsWith(name + "-token-")) {
                tokens.add(String.valueOf(m.get("name")));
            }
        }
        return Values.with(base, "default_secret_name", Value.string(tokens.size() == 1 ? tokens.get(0) : ""));
    }

    @Override
    public Value plan(Value planned, Value config, Value prior, Diagnostics diags) {
        return Defaults.fill(planned, config, "automount_service_account_token", Value.TRUE);
    }
}
