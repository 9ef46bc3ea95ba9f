package dev.lockstep.api.schema;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The values a string attribute (or each string in a collection attribute) may take, as the
 * remote API documents them. The engine checks every known value against it when decoding a
 * configuration, so a typo is an error at {@code validate} with the attribute's location rather
 * than a failure at apply.
 *
 * @param values the allowed values, in the order messages list them
 * @param ignoreCase whether the provider accepts any case (and normalises it)
 */
public record AllowedValues(List<String> values, boolean ignoreCase) {

    public AllowedValues {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("allowed values must not be empty");
        }
    }

    /** Exactly these values. */
    public static AllowedValues of(String... values) {
        return new AllowedValues(List.of(values), false);
    }

    /** These values, in any case. */
    public static AllowedValues ignoringCase(String... values) {
        return new AllowedValues(List.of(values), true);
    }

    /** Whether {@code value} is one of the allowed values. */
    public boolean allows(String value) {
        for (String v : values) {
            if (ignoreCase ? v.equalsIgnoreCase(value) : v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code value} as the candidates are spelled, for finding the closest one. */
    public String comparable(String value) {
        return ignoreCase ? value.toUpperCase(Locale.ROOT) : value;
    }
}
