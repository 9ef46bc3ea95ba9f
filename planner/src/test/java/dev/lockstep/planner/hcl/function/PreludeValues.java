package dev.lockstep.planner.hcl.function;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values that {@code conformance/prelude.tf} gives {@code var.*} and {@code local.*}, built
 * by hand for the function-level golden test (the evaluator's conformance test reads the prelude
 * itself). Keep in step with prelude.tf.
 */
final class PreludeValues {

    private PreludeValues() {
    }

    static Map<String, Value> variables() {
        Map<String, Value> v = new LinkedHashMap<>();
        v.put("secret", Value.string("s3cr3t-canary").markSensitive());
        v.put("secret_num", Value.number(42).markSensitive());
        v.put("secret_list", Value.list(Type.STRING, List.of(Value.string("alpha"), Value.string("beta"))).markSensitive());
        v.put("nums", Value.tuple(List.of(Value.number(3), Value.number(1), Value.number(2))));
        v.put("strs", Value.list(Type.STRING, List.of(Value.string("b"), Value.string("a"), Value.string("c"),
                Value.string("a"))));
        v.put("tags", Value.map(Type.STRING, Map.of("env", Value.string("dev"), "team", Value.string("core"))));
        v.put("people", Value.tuple(List.of(
                Value.object(Map.of("name", Value.string("ann"), "age", Value.number(31), "langs",
                        Value.tuple(List.of(Value.string("go"), Value.string("java"))))),
                Value.object(Map.of("name", Value.string("bob"), "age", Value.number(25), "langs",
                        Value.tuple(List.of(Value.string("hcl"))))))));
        v.put("nothing", Value.nullOf(Type.STRING));
        return v;
    }

    static Map<String, Value> locals() {
        Map<String, Value> l = new LinkedHashMap<>();
        l.put("unknown", Value.DYNAMIC_UNKNOWN);
        l.put("unknown_str", Value.unknown(Type.STRING));
        l.put("unknown_num", Value.unknown(Type.NUMBER));
        l.put("unknown_bool", Value.unknown(Type.BOOL));
        l.put("unknown_list", Value.unknown(Type.list(Type.DYNAMIC)));
        l.put("mixed_list", Value.tuple(List.of(Value.string("a"), Value.DYNAMIC_UNKNOWN, Value.string("c"))));
        l.put("half_secret", Value.tuple(List.of(Value.string("public"), Value.string("s3cr3t-canary").markSensitive())));
        l.put("secret_obj", Value.object(Map.of("user", Value.string("admin"), "password",
                Value.string("s3cr3t-canary").markSensitive())));
        return l;
    }
}
