package dev.lockstep.provider.databricks.plan;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.json.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of one object while a handler shapes it: the proposed attributes (mutable), the prior
 * (refreshed) state and the configuration, plus the notes, replacement paths and diagnostics the
 * handler adds. {@link #response} normalises the result.
 */
public final class Planning {

    private final PlanCustomizer.PlanRequest request;
    private final BlockSchema schema;
    private final Map<String, Value> planned;
    private final List<String> notes = new ArrayList<>();
    private final List<AttributePath> replace = new ArrayList<>();
    private final Diagnostics diagnostics = new Diagnostics();
    private boolean expired;

    public Planning(PlanCustomizer.PlanRequest request, BlockSchema schema) {
        this.request = request;
        this.schema = schema;
        this.planned = new LinkedHashMap<>(request.proposed().attributes());
    }

    public PlanCustomizer.PlanRequest request() {
        return request;
    }

    /** True when the object does not exist yet. */
    public boolean creating() {
        return request.prior() == null;
    }

    public Value prior() {
        return request.prior();
    }

    public Value config() {
        return request.config();
    }

    /** The planned value of an attribute or block. */
    public Value get(String name) {
        return planned.get(name);
    }

    /** The planned string, or null when null or unknown. */
    public String str(String name) {
        Value v = planned.get(name);
        return v == null || v.isNull() || !v.isKnown() ? null : v.unmark().asString();
    }

    public void set(String name, Value v) {
        planned.put(name, v);
    }

    /** Sets a computed attribute to "known after apply". */
    public void unknown(String name, Type t) {
        planned.put(name, Value.unknown(t));
    }

    /** Whether the configuration sets the attribute (or block) to a non-null value. */
    public boolean configured(String name) {
        Value c = request.config() == null ? null : request.config().get(name);
        return c != null && !c.isNull();
    }

    /** The prior value of an attribute, or null. */
    public Value priorValue(String name) {
        return Values.get(request.prior(), name);
    }

    /** Whether the planned value of {@code name} differs from the prior one. */
    public boolean changed(String name) {
        return !creating() && !Values.same(request.prior().get(name), planned.get(name));
    }

    /** Keeps the prior value of a block the server fills in when the configuration leaves it out. */
    public void keepServerBlock(String name) {
        if (configured(name)) {
            return;
        }
        if (creating()) {
            planned.put(name, Value.unknown(schema.blocks().get(name).block().impliedType()));
        } else if (request.prior().get(name) != null) {
            planned.put(name, request.prior().get(name));
        }
    }

    public void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    public void requiresReplace(String attribute) {
        AttributePath p = AttributePath.of(attribute);
        if (!replace.contains(p)) {
            replace.add(p);
        }
    }

    /**
     * The object has outlived the age {@code attribute} sets: it is replaced although nothing
     * changed (the plan's reason is {@code replace_because_expired}).
     */
    public void expired(String attribute) {
        requiresReplace(attribute);
        expired = true;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** The customised, normalised plan. */
    public PlanCustomizer.PlanResponse response() {
        Value v = Values.normalize(Value.object(planned), schema);
        return new PlanCustomizer.PlanResponse(v, replace, notes, diagnostics, expired);
    }
}
