package dev.lockstep.provider.kubernetes.kind;

import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.value.Values;
import java.util.List;
import java.util.Objects;

/**
 * Config maps and secrets with {@code immutable = true}: their data cannot change and the flag
 * cannot be cleared, so such a change replaces the object (and the plan names the field).
 */
class ImmutableDataHooks implements KindHooks {

    @Override
    public void replacePaths(Value prior, Value planned, List<AttributePath> out) {
        if (prior == null || !Values.bool(prior, "immutable", false)) {
            return;
        }
        for (String f : List.of("data", "binary_data")) {
            if (!Objects.equals(norm(Values.attr(prior, f)), norm(Values.attr(planned, f)))) {
                out.add(AttributePath.of(f));
            }
        }
        Value im = Values.attr(planned, "immutable");
        if (im == null || !im.isKnown() || im.isNull() || !im.unmark().asBool()) {
            out.add(AttributePath.of("immutable"));
        }
    }

    private static Value norm(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        Value u = v.unmarkDeep();
        return u.isKnown() && u.isMapping() && u.length() == 0 ? null : u;
    }
}
