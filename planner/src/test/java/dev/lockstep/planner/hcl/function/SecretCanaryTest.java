package dev.lockstep.planner.hcl.function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.library.StandardLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls every standard function with many argument shapes built around a canary string, in
 * every position, and checks two promises: a failure is always a {@link FunctionException}
 * (never an unchecked exception from inside a body), and its message never contains the canary,
 * since an argument may be a secret.
 */
class SecretCanaryTest {

    private static final String CANARY = "zq7CANARYs3cr3t";

    @TempDir
    Path dir;

    private static List<Value> shapes() {
        Value c = Value.string(CANARY);
        List<Value> s = new ArrayList<>();
        s.add(c);
        s.add(Value.string(CANARY + "\n" + CANARY));
        s.add(Value.string("%" + CANARY));
        s.add(Value.string("/" + CANARY + "(/"));
        s.add(Value.string("(" + CANARY));
        s.add(Value.string(CANARY + "/33"));
        s.add(Value.string("10.0.0.0/" + CANARY));
        s.add(Value.string("{\"" + CANARY + "\": [1, "));
        s.add(Value.string(CANARY + ": [" + CANARY));
        s.add(Value.string("'" + CANARY));
        s.add(Value.string("9" + CANARY));
        s.add(Value.number(-1));
        s.add(Value.number(new java.math.BigDecimal("1.5")));
        s.add(Value.number(new java.math.BigDecimal("1e30")));
        s.add(Value.TRUE);
        s.add(Value.NULL);
        s.add(Value.nullOf(Type.STRING));
        s.add(Value.unknown(Type.STRING));
        s.add(c.markSensitive());
        s.add(Value.tuple(List.of(c, Value.number(1))));
        s.add(Value.tuple(List.of(c, Value.tuple(List.of(c)))));
        s.add(Value.list(Type.STRING, List.of(c, Value.nullOf(Type.STRING))));
        s.add(Value.set(Type.STRING, List.of(c)));
        s.add(Value.map(Type.STRING, Map.of(CANARY, c)));
        s.add(Value.object(Map.of(CANARY, Value.tuple(List.of(c)))));
        s.add(Value.object(Map.of("a", Value.number(1))));
        s.add(Value.EMPTY_TUPLE);
        return s;
    }

    @Test
    void failuresAreCheckedAndNeverQuoteArguments() {
        Map<String, Function> lib = StandardLibrary.create(
                new FunctionContext(dir, Map.of(CANARY + "_SET", CANARY), false));
        List<Value> shapes = shapes();
        int failures = 0;
        int calls = 0;
        List<String> crashes = new ArrayList<>();
        for (Function f : lib.values()) {
            int fixed = f.params().size();
            int maxArgs = f.varParam() == null ? fixed : fixed + 2;
            for (int n = Math.max(0, fixed - 1); n <= maxArgs + 1; n++) {
                for (int pos = 0; pos < Math.max(n, 1); pos++) {
                    for (Value shape : shapes) {
                        List<Value> args = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            args.add(i == pos ? shape : filler(f, i));
                        }
                        calls++;
                        try {
                            f.call(args);
                        } catch (FunctionException e) {
                            failures++;
                            assertFalse(e.getMessage().contains("CANARY"),
                                    f.name() + args + " leaked an argument: " + e.getMessage());
                            assertFalse(e.summary() == null || e.summary().isEmpty(), f.name() + " gave no summary");
                        } catch (RuntimeException | StackOverflowError e) {
                            if (crashes.size() < 40) {
                                crashes.add(f.name() + args + " threw " + e);
                            }
                        }
                    }
                }
            }
        }
        if (!crashes.isEmpty()) {
            fail(String.join("\n", crashes));
        }
        assertTrue(failures > 1000, "the shapes should provoke many failures, got " + failures + " of " + calls);
    }

    @Test
    void pairsOfShapesNeverCrash() {
        Map<String, Function> lib = StandardLibrary.create(new FunctionContext(dir, Map.of(), false));
        List<Value> shapes = shapes();
        List<String> crashes = new ArrayList<>();
        for (Function f : lib.values()) {
            int n = Math.max(2, f.params().size());
            for (Value a : shapes) {
                for (Value b : shapes) {
                    List<Value> args = new ArrayList<>();
                    args.add(a);
                    args.add(b);
                    for (int i = 2; i < n; i++) {
                        args.add(filler(f, i));
                    }
                    try {
                        f.call(args);
                    } catch (FunctionException e) {
                        assertFalse(e.getMessage().contains("CANARY"), f.name() + args + " leaked: " + e.getMessage());
                    } catch (RuntimeException | StackOverflowError e) {
                        if (crashes.size() < 40) {
                            crashes.add(f.name() + args + " threw " + e);
                        }
                    }
                }
            }
        }
        if (!crashes.isEmpty()) {
            fail(String.join("\n", crashes));
        }
    }

    /** A plausible argument for the other positions, so that the shape under test is reached. */
    private static Value filler(Function f, int i) {
        Param p = f.paramFor(i);
        Type t = p == null ? Type.DYNAMIC : p.type();
        if (t == Type.NUMBER) {
            return Value.number(1);
        }
        if (t == Type.BOOL) {
            return Value.TRUE;
        }
        if (t.elementType() != null) {
            return Value.tuple(List.of(Value.string("a")));
        }
        return Value.string("a");
    }
}
