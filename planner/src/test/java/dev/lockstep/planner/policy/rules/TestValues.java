package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.BuiltinRule;
import dev.lockstep.planner.policy.PolicySubject;
import dev.lockstep.planner.policy.RuleSettings;
import dev.lockstep.planner.policy.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds subject values the way lockstep's schemas shape them, and runs rules on them. */
final class TestValues {

    private TestValues() {
    }

    static Value s(String text) {
        return Value.string(text);
    }

    static Value n(long number) {
        return Value.number(number);
    }

    /** A set of strings (the typed RBAC attributes are sets). */
    static Value set(String... items) {
        return Value.set(Type.STRING, Arrays.stream(items).map(Value::string).toList());
    }

    /** A list of strings. */
    static Value list(String... items) {
        return Value.list(Type.STRING, Arrays.stream(items).map(Value::string).toList());
    }

    /** A tuple (the JSON arrays of a manifest). */
    static Value tuple(Value... items) {
        return Value.tuple(List.of(items));
    }

    /** A tuple of strings. */
    static Value strings(String... items) {
        return Value.tuple(Arrays.stream(items).map(Value::string).toList());
    }

    /** A map of strings. */
    static Value map(String... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], Value.string(kv[i + 1]));
        }
        return Value.map(Type.STRING, m);
    }

    /** An object from alternating names and values (Value, or String for a string). */
    static Value obj(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof String str ? Value.string(str) : (Value) v);
        }
        return Value.object(m);
    }

    /** Blocks: a list of objects (a tuple when their shapes differ, as in hand-built test values). */
    static Value blocks(Value... objects) {
        if (objects.length == 0) {
            return Value.emptyList(Type.DYNAMIC);
        }
        Type t = objects[0].type();
        boolean same = Arrays.stream(objects).allMatch(o -> o.type().equals(t));
        return same ? Value.list(t, List.of(objects)) : Value.tuple(List.of(objects));
    }

    static Value unknown() {
        return Value.DYNAMIC_UNKNOWN;
    }

    static PolicySubject planned(String address, Value value, String... literals) {
        return new PolicySubject(address, address.substring(0, address.indexOf('.')), value,
                PolicySubject.Origin.PLANNED, null, Set.of(literals));
    }

    static PolicySubject live(String address, Value value) {
        return new PolicySubject(address, address.substring(0, address.indexOf('.')), value,
                PolicySubject.Origin.LIVE, null, Set.of());
    }

    static PolicySubject unmanaged(String identifier, String type, Value value) {
        return new PolicySubject(identifier, type, value, PolicySubject.Origin.UNMANAGED, null, Set.of());
    }

    /** The messages of {@code rule} on {@code subjects} with its defaults. */
    static List<String> check(BuiltinRule rule, PolicySubject... subjects) {
        return messages(rule.check(List.of(subjects), RuleSettings.defaults(rule)));
    }

    /** The messages of {@code rule} with parameters changed (alternating name, Value). */
    static List<String> checkWith(BuiltinRule rule, List<PolicySubject> subjects, Object... params) {
        Map<String, Value> values = new HashMap<>(RuleSettings.defaults(rule).values());
        for (int i = 0; i < params.length; i += 2) {
            values.put((String) params[i], (Value) params[i + 1]);
        }
        return messages(rule.check(subjects, new RuleSettings(values)));
    }

    static List<String> messages(List<Violation> violations) {
        List<String> out = new ArrayList<>();
        for (Violation v : violations) {
            out.add(v.message());
        }
        return out;
    }

    /** Typed metadata: a list of one block. */
    static Value metadata(String name, String namespace) {
        return blocks(namespace == null ? obj("name", name, "namespace", Value.nullOf(Type.STRING))
                : obj("name", name, "namespace", namespace));
    }
}
