package dev.lockstep.planner.plan;

import java.util.Comparator;
import java.util.Locale;

/**
 * Someone access is granted to.
 *
 * @param system the system the principal lives in
 * @param kind {@code user}, {@code group}, {@code service_account} or {@code service_principal}
 * @param name the principal's name in its system ({@code bob@example.com}, {@code data-eng},
 *     {@code team-a/deployer} for a service account, an application id for a service principal)
 */
public record Principal(AccessSystem system, String kind, String name) implements Comparable<Principal> {

    /** The kinds a principal can have. */
    public static final java.util.Set<String> KINDS = java.util.Set.of("user", "group", "service_account",
            "service_principal");

    private static final Comparator<Principal> ORDER = Comparator.comparing(Principal::system)
            .thenComparing(Principal::kind).thenComparing(Principal::name);

    public Principal {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown principal kind " + kind);
        }
    }

    /** {@code group data-eng}, {@code service principal 1234-...}. */
    public String shown() {
        return kind.replace('_', ' ') + " " + name;
    }

    @Override
    public int compareTo(Principal o) {
        return ORDER.compare(this, o);
    }

    /** The system's word in JSON ({@code kubernetes}, {@code databricks}). */
    public String systemWord() {
        return system.name().toLowerCase(Locale.ROOT);
    }
}
