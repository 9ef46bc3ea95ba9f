package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code databricks-token-lifetime}: a {@code databricks_token} without {@code lifetime_seconds}
 * (it never expires) or with one above {@code max_lifetime_days}. Unknown is not reported. Never
 * reads the token value.
 */
public final class TokenLifetimeRule extends ObjectRule {

    public static final String ID = "databricks-token-lifetime";
    private static final BigDecimal DAY = BigDecimal.valueOf(86_400);

    public TokenLifetimeRule() {
        super(new Info(ID, "Token lives too long",
                "A personal access token is a password that works from anywhere; the longer it lives the "
                        + "longer a leaked copy does.",
                "Set lifetime_seconds to at most the limit and rotate the token (rotate_after) before it expires.",
                Enforcement.ADVISORY, List.of("databricks_token"),
                List.of(number("max_lifetime_days", "Longest lifetime allowed, in days.", 90))));
    }

    @Override
    String message(PolicySubject subject, RuleSettings settings) {
        Value v = ValueReader.get(subject.value(), "lifetime_seconds");
        String label = "Token " + GoQuote.quote(subject.address());
        if (ValueReader.unknown(v)) {
            return null;
        }
        if (v.isNull()) {
            return label + " never expires (no lifetime_seconds)";
        }
        Value u = v.unmarkDeep();
        BigDecimal maxDays = settings.number("max_lifetime_days");
        if (u.type() != Type.NUMBER || maxDays == null) {
            return null;
        }
        BigDecimal seconds = u.asNumber();
        if (seconds.signum() <= 0) {
            return label + " never expires (lifetime_seconds = " + ValueReader.show(v) + ")";
        }
        if (seconds.compareTo(maxDays.multiply(DAY)) > 0) {
            String days = v.containsSensitive() ? ValueReader.SENSITIVE
                    : Value.formatNumber(seconds.divide(DAY, 1, RoundingMode.UP));
            return label + " lives " + days + " days (lifetime_seconds = " + ValueReader.show(v)
                    + "), above the limit of " + Value.formatNumber(maxDays) + " days";
        }
        return null;
    }
}
