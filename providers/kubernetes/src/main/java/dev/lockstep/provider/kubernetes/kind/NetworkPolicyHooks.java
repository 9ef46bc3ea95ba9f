package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.value.JsonCodec;

/** Network policies: each port's protocol defaults to TCP, as the API server does. */
final class NetworkPolicyHooks implements KindHooks {

    /** A port is a number or a name in the API; in configuration it is a string either way. */
    static final JsonCodec.FieldTransform INT_OR_STRING = new JsonCodec.FieldTransform() {
        @Override
        public Object encode(Value v) {
            String s = v.unmark().asString();
            return s.matches("\\d{1,9}") ? (Object) Long.parseLong(s) : s;
        }

        @Override
        public Value decode(Object json, Type type) {
            return JsonCodec.decodeValue(type, json);
        }
    };

    @Override
    public Value plan(Value planned, Value config, Value prior, Diagnostics diags) {
        return Defaults.first(planned, config, "spec", (spec, cspec) -> {
            Value s = spec;
            for (String direction : new String[] {"ingress", "egress"}) {
                s = Defaults.eachPair(s, cspec, direction, (rule, crule) -> Defaults.eachPair(rule, crule, "ports",
                        (port, cport) -> Defaults.fill(port, cport, "protocol", Value.string("TCP"))));
            }
            return s;
        });
    }
}
