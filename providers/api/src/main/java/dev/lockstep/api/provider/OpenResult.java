package dev.lockstep.api.provider;

import dev.lockstep.api.diag.Diagnostics;

/** The outcome of {@link ProviderFactory#open}: a provider, or null and the reasons in diagnostics. */
public record OpenResult(Provider provider, Diagnostics diagnostics) {

    public static OpenResult of(Provider p) {
        return new OpenResult(p, new Diagnostics());
    }

    public static OpenResult failed(Diagnostics d) {
        return new OpenResult(null, d);
    }
}
