package dev.lockstep.planner.builtin;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.PlanCustomizer;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceImporter;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code terraform_data} as Terraform defines it: {@code output} mirrors {@code input} after
 * apply and is unknown in the plan whenever it will be recomputed (create, replacement, a changed
 * input), a change of {@code triggers_replace} replaces the resource, and there is no remote
 * object, so reading returns the recorded state.
 */
final class TerraformData implements ResourceHandler, PlanCustomizer, ResourceCreator, ResourceUpdater,
        ResourceDeleter, ResourceImporter {

    @Override
    public ResourceSchema schema() {
        return TerraformProviderFactory.TERRAFORM_DATA;
    }

    @Override
    public ReadResponse read(List<ReadObject> objects) {
        List<ReadResult> out = new ArrayList<>(objects.size());
        for (ReadObject o : objects) {
            // nothing exists outside the state; an interrupted create left nothing behind either
            out.add(new ReadResult(o.address(), o.id(), o.id() == null ? null : o.prior()));
        }
        return new ReadResponse(out, new Diagnostics());
    }

    @Override
    public PlanResponse plan(PlanRequest r) {
        Value proposed = r.proposed();
        Value input = proposed.get("input");
        Map<String, Value> planned = new LinkedHashMap<>(proposed.attributes());
        List<AttributePath> replace = new ArrayList<>();
        // As Terraform plans it: output is unknown whenever it will be recomputed (on create, on
        // replacement and when input changes), null only when a new object's input is null.
        if (r.prior() == null) {
            planned.put("id", Value.unknown(Type.STRING));
            planned.put("output", input.isNull() ? input : Value.unknown(input.type()));
        } else if (!equalIgnoringMarks(r.prior().get("triggers_replace"), proposed.get("triggers_replace"))) {
            replace.add(AttributePath.of("triggers_replace"));
            planned.put("id", Value.unknown(Type.STRING));
            planned.put("output", input.isNull() ? input : Value.unknown(input.type()));
        } else if (!equalIgnoringMarks(r.prior().get("input"), input)) {
            planned.put("output", Value.unknown(input.type()));
        } else {
            planned.put("output", r.prior().get("output"));
        }
        return new PlanResponse(Value.object(planned), replace, List.of(), new Diagnostics());
    }

    /**
     * Equal ignoring marks, with nulls of any type equal and a list equal to a tuple of the same
     * elements (the types a state round trip may change); unknowns are never equal.
     */
    static boolean equalIgnoringMarks(Value a, Value b) {
        if (a == null || b == null || a.isNull() || b.isNull()) {
            return (a == null || a.isNull()) && (b == null || b.isNull());
        }
        if (!a.isWhollyKnown() || !b.isWhollyKnown()) {
            return false;
        }
        Value x = a.unmarkDeep();
        Value y = b.unmarkDeep();
        if (x.equals(y)) {
            return true;
        }
        if (x.isSequence() && y.isSequence()) {
            if (x.isSet() != y.isSet() || x.length() != y.length()) {
                return false;
            }
            for (int i = 0; i < x.length(); i++) {
                if (!equalIgnoringMarks(x.elements().get(i), y.elements().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (x.isMapping() && y.isMapping()) {
            if (!x.attributes().keySet().equals(y.attributes().keySet())) {
                return false;
            }
            for (Map.Entry<String, Value> e : x.attributes().entrySet()) {
                if (!equalIgnoringMarks(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public ApplyResponse create(ApplyRequest r) {
        String id = UUID.randomUUID().toString();
        return ApplyResponse.ok(id, withOutput(r.planned(), id));
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return ApplyResponse.ok(r.id(), withOutput(r.planned(), r.id()));
    }

    private static Value withOutput(Value planned, String id) {
        Map<String, Value> m = new LinkedHashMap<>(planned.attributes());
        m.put("id", Value.string(id));
        m.put("output", planned.get("input"));
        return Value.object(m);
    }

    @Override
    public Diagnostics delete(ApplyRequest r) {
        return new Diagnostics();
    }

    @Override
    public ImportResponse importObject(String id) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(id));
        m.put("input", Value.NULL);
        m.put("output", Value.NULL);
        m.put("triggers_replace", Value.NULL);
        return new ImportResponse(id, Value.object(m), new Diagnostics());
    }
}
