package dev.lockstep.api.schema;

import dev.lockstep.api.value.Type;
import java.util.Objects;

/**
 * One attribute of a resource, data source or provider configuration: its type and how it may
 * be set. Exactly one of required / optional / computed-only describes who sets it; an optional
 * attribute may also be computed (the provider fills it when the configuration does not).
 *
 * @param name attribute name as written in configuration
 * @param type value type; configuration values are converted to it
 * @param required the configuration must set it
 * @param optional the configuration may set it
 * @param computed the provider may set it (read-only when neither required nor optional)
 * @param sensitive values are never shown or stored in clear
 * @param forceNew a change replaces the object instead of updating it
 * @param description one sentence for documentation and messages
 * @param allowed the values the attribute may take (each element, for a collection), or null for any
 * @param identifying the value names the object (it becomes, or is part of, its id): it shows in
 *     every listing of the objects, in state and in plans, so it may not be set from a sensitive
 *     value
 */
public record AttributeSchema(String name, Type type, boolean required, boolean optional, boolean computed,
        boolean sensitive, boolean forceNew, String description, AllowedValues allowed, boolean identifying) {

    public AttributeSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (required && (optional || computed)) {
            throw new IllegalArgumentException(name + ": required attributes are neither optional nor computed");
        }
        if (!required && !optional && !computed) {
            throw new IllegalArgumentException(name + ": must be required, optional or computed");
        }
        description = description == null ? "" : description;
        if (identifying && sensitive) {
            throw new IllegalArgumentException(name + ": an identifying attribute cannot be sensitive");
        }
    }

    /** An attribute that takes any value of its type and does not identify its object. */
    public AttributeSchema(String name, Type type, boolean required, boolean optional, boolean computed,
            boolean sensitive, boolean forceNew, String description) {
        this(name, type, required, optional, computed, sensitive, forceNew, description, null, false);
    }

    public static AttributeSchema required(String name, Type type) {
        return new AttributeSchema(name, type, true, false, false, false, false, "");
    }

    public static AttributeSchema optional(String name, Type type) {
        return new AttributeSchema(name, type, false, true, false, false, false, "");
    }

    public static AttributeSchema computed(String name, Type type) {
        return new AttributeSchema(name, type, false, false, true, false, false, "");
    }

    /** Whether configuration can set this attribute at all. */
    public boolean settable() {
        return required || optional;
    }

    public AttributeSchema asComputed() {
        return new AttributeSchema(name, type, false, optional || required, true, sensitive, forceNew, description,
                allowed, identifying);
    }

    public AttributeSchema asSensitive() {
        return new AttributeSchema(name, type, required, optional, computed, true, forceNew, description, allowed,
                identifying);
    }

    public AttributeSchema asForceNew() {
        return new AttributeSchema(name, type, required, optional, computed, sensitive, true, description, allowed,
                identifying);
    }

    public AttributeSchema describedAs(String text) {
        return new AttributeSchema(name, type, required, optional, computed, sensitive, forceNew, text, allowed,
                identifying);
    }

    /** The same attribute, restricted to {@code values} (checked when the configuration is decoded). */
    public AttributeSchema allowing(AllowedValues values) {
        return new AttributeSchema(name, type, required, optional, computed, sensitive, forceNew, description, values,
                identifying);
    }

    /**
     * This attribute marked as naming its object (it becomes, or is part of, the id), so that it
     * refuses a sensitive value: see {@link #identifying()}.
     */
    public AttributeSchema asIdentifying() {
        return new AttributeSchema(name, type, required, optional, computed, sensitive, forceNew, description, allowed,
                true);
    }
}
