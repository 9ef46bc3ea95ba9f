package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.value.Values;

/**
 * Role bindings: a subject's {@code api_group} follows its kind when unset, as the API server
 * defaults it ({@code rbac.authorization.k8s.io} for users and groups, "" for service accounts).
 */
final class BindingHooks implements KindHooks {

    static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    @Override
    public Value plan(Value planned, Value config, Value prior, Diagnostics diags) {
        return Defaults.eachPair(planned, config, "subject", (p, c) -> {
            String kind = Values.string(p, "kind");
            if (kind == null) {
                return p;
            }
            return Defaults.fill(p, c, "api_group", Value.string(kind.equals("ServiceAccount") ? "" : RBAC_GROUP));
        });
    }
}
