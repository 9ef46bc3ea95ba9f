package dev.lockstep.state.testing;

import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Random HCL types and known values of them, for round-trip property tests. */
public final class RandomValues {

    private static final String SPECIAL = "\"\\/\n\t\r\b\f";

    private final Random rnd;

    public RandomValues(long seed) {
        this.rnd = new Random(seed);
    }

    /** A random type up to {@code depth} levels deep. */
    public Type type(int depth) {
        int k = rnd.nextInt(depth <= 0 ? 4 : 10);
        switch (k) {
            case 0:
                return Type.STRING;
            case 1:
                return Type.NUMBER;
            case 2:
                return Type.BOOL;
            case 3:
                return rnd.nextInt(4) == 0 ? Type.DYNAMIC : Type.STRING;
            case 4:
                return new ListType(type(depth - 1));
            case 5:
                return new SetType(type(depth - 1));
            case 6:
                return new MapType(type(depth - 1));
            case 7:
            case 8: {
                Map<String, Type> attrs = new LinkedHashMap<>();
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    attrs.put(name(), type(depth - 1));
                }
                return new ObjectType(attrs);
            }
            default: {
                List<Type> el = new ArrayList<>();
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    el.add(type(depth - 1));
                }
                return new TupleType(el);
            }
        }
    }

    /** A random type, possibly with optional object attributes (a type constraint, not a value type). */
    public Type constraintType(int depth) {
        Type t = type(depth);
        if (t instanceof ObjectType o && !o.attributes().isEmpty() && rnd.nextBoolean()) {
            Set<String> opt = new LinkedHashSet<>();
            for (String a : o.attributes().keySet()) {
                if (rnd.nextBoolean()) {
                    opt.add(a);
                }
            }
            return new ObjectType(o.attributes(), opt);
        }
        return t;
    }

    /** A random known value of type {@code t} (nulls included). */
    public Value value(Type t) {
        if (rnd.nextInt(12) == 0 || t == Type.DYNAMIC) {
            return Value.nullOf(t);
        }
        if (t == Type.STRING) {
            return Value.string(string());
        }
        if (t == Type.NUMBER) {
            return Value.number(number());
        }
        if (t == Type.BOOL) {
            return Value.bool(rnd.nextBoolean());
        }
        if (t instanceof ListType l) {
            return Value.list(l.element(), elements(l.element()));
        }
        if (t instanceof SetType s) {
            return Value.set(s.element(), elements(s.element()));
        }
        if (t instanceof MapType m) {
            Map<String, Value> e = new LinkedHashMap<>();
            int n = rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                e.put(rnd.nextBoolean() ? name() : string(), value(m.element()));
            }
            return Value.map(m.element(), e);
        }
        if (t instanceof ObjectType o) {
            Map<String, Value> e = new LinkedHashMap<>();
            o.attributes().forEach((k, at) -> e.put(k, value(at)));
            return Value.object(e);
        }
        List<Value> el = new ArrayList<>();
        for (Type et : ((TupleType) t).elements()) {
            el.add(value(et));
        }
        return Value.tuple(el);
    }

    private List<Value> elements(Type et) {
        List<Value> out = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.add(value(et));
        }
        return out;
    }

    private String name() {
        String letters = "abcdefghijklmnopqrstuvwxyz_";
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(letters.charAt(rnd.nextInt(letters.length())));
        }
        return sb.toString();
    }

    /** Strings with quotes, escapes, control characters, combining marks and astral code points. */
    public String string() {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(8)) {
                case 0:
                    sb.append(SPECIAL.charAt(rnd.nextInt(SPECIAL.length())));
                    break;
                case 1:
                    sb.appendCodePoint(rnd.nextInt(0x20));
                    break;
                case 2:
                    sb.appendCodePoint(0x300 + rnd.nextInt(0x70)); // combining marks
                    break;
                case 3:
                    sb.appendCodePoint(0x1F300 + rnd.nextInt(0x300)); // astral
                    break;
                case 4:
                    sb.appendCodePoint(0xA0 + rnd.nextInt(0x2000));
                    break;
                default:
                    sb.append((char) (0x20 + rnd.nextInt(0x5F)));
            }
        }
        return sb.toString();
    }

    /** Numbers doubles cannot hold: long fractions, huge and tiny magnitudes, big integers. */
    public BigDecimal number() {
        switch (rnd.nextInt(6)) {
            case 0:
                return BigDecimal.valueOf(rnd.nextInt(2001) - 1000);
            case 1:
                return new BigDecimal(new BigInteger(200, rnd)).negate();
            case 2:
                return new BigDecimal(new BigInteger(80, rnd), rnd.nextInt(60));
            case 3:
                return new BigDecimal(BigInteger.valueOf(rnd.nextInt(1000) + 1), -rnd.nextInt(5000));
            case 4:
                return new BigDecimal(BigInteger.valueOf(rnd.nextInt(1000) + 1), rnd.nextInt(5000));
            default:
                return new BigDecimal("0.1").add(BigDecimal.valueOf(rnd.nextInt(100)));
        }
    }
}
