package dev.lockstep.planner.policy;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Expression;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The policies a configuration evaluates: every built-in rule with the enforcement and parameters
 * its {@code policy} block gives (defaults otherwise), its custom {@code policy} blocks, and its
 * {@code waiver} blocks, as {@code planner.policy.eval.PolicyDecoder} decoded them (docs/policies.md).
 */
public final class PolicyDefinitions {

    /** A built-in rule as configured. */
    public record Builtin(BuiltinRule rule, Enforcement enforcement, RuleSettings settings) {
    }

    /**
     * A custom policy.
     *
     * @param types resource types it selects (empty: any)
     * @param addresses address patterns it selects ({@code *} matches anything; empty: any)
     * @param labels labels the object must carry ({@code *} as a value: any value; empty: any)
     */
    public record Custom(String id, String title, Enforcement enforcement, List<String> types,
            List<String> addresses, Map<String, String> labels, Expression condition, Expression errorMessage,
            SourceRange range) {
    }

    /** A waiver: which objects one policy does not block on, why, whose call, until when. */
    public record Waiver(String name, String policy, List<String> resources, String reason, String owner,
            LocalDate expires, SourceRange range) {
    }

    private final List<Builtin> builtins;
    private final List<Custom> customs;
    private final List<Waiver> waivers;

    public PolicyDefinitions(List<Builtin> builtins, List<Custom> customs, List<Waiver> waivers) {
        this.builtins = List.copyOf(builtins);
        this.customs = List.copyOf(customs);
        this.waivers = List.copyOf(waivers);
    }

    public List<Builtin> builtins() {
        return builtins;
    }

    public List<Custom> customs() {
        return customs;
    }

    public List<Waiver> waivers() {
        return waivers;
    }

}
