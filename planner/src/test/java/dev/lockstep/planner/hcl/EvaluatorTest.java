package dev.lockstep.planner.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.Library;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Value SECRET = Value.string("s3cr3t").markSensitive();
    private static final Value UNKNOWN = Value.unknown(Type.STRING);

    private static EvalContext ctx() {
        Map<String, Value> vars = Map.of("var", Value.object(Map.of(
                "secret", SECRET,
                "unknown", UNKNOWN,
                "nums", Value.tuple(List.of(Value.number(3), Value.number(1), Value.number(2))),
                "objs", Value.tuple(List.of(Value.object(Map.of("n", Value.string("a"))),
                        Value.object(Map.of("n", Value.string("b"))))))));
        return EvalContext.of(vars, Library.all(FunctionContext.defaults()), FunctionContext.defaults());
    }

    private static Value eval(String src) {
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(Hcl.parseExpression(src, "t", d), ctx(), d);
        assertFalse(d.hasErrors(), () -> d.toString());
        return v;
    }

    private static String error(String src) {
        Diagnostics d = new Diagnostics();
        Evaluator.evaluate(Hcl.parseExpression(src, "t", d), ctx(), d);
        assertTrue(d.hasErrors(), "expected an error for " + src);
        return d.asList().get(0).summary();
    }

    @Test
    void arithmeticIsExactDecimal() {
        assertEquals(Value.number(14), eval("2 + 3 * 4"));
        assertEquals(Value.number(new BigDecimal("0.3")), eval("0.1 + 0.2"));
        assertEquals(Value.number(-1), eval("-7 % 3"));
        assertEquals(Value.number(new BigDecimal("123456789012345678901234567890")),
                eval("123456789012345678901234567890"));
        assertEquals("Operation failed", error("1 / 0"));
    }

    @Test
    void templatesAndDirectives() {
        assertEquals(Value.string("a-1-true"), eval("\"a-${1}-${true}\""));
        assertEquals(Value.number(1), eval("\"${1}\""), "a lone interpolation keeps its type");
        assertEquals(Value.string("x\n  y\n"), eval("<<-EOT\n    x\n      y\n    EOT\n"));
        assertEquals(Value.string("ab"), eval("\"a ${~ \"b\"}\""));
        assertEquals(Value.string("yes"), eval("\"%{if 1 < 2}yes%{else}no%{endif}\""));
        assertEquals(Value.string("3,1,2,"), eval("\"%{for n in var.nums}${n},%{endfor}\""));
        assertEquals(Value.string("${x} %{y}"), eval("\"$${x} %%{y}\""));
        assertEquals("Invalid template interpolation value", error("\"a${null}\""));
    }

    @Test
    void forSplatIndexAndConditional() {
        assertEquals(Value.tuple(List.of(Value.number(6), Value.number(4))), eval("[for n in var.nums : n * 2 if n > 1]"));
        Value grouped = eval("{for o in var.objs : \"k\" => o.n...}");
        assertEquals(Value.tuple(List.of(Value.string("a"), Value.string("b"))), grouped.get("k"));
        assertEquals(Value.tuple(List.of(Value.string("a"), Value.string("b"))), eval("var.objs[*].n"));
        assertEquals(Value.EMPTY_TUPLE, eval("null[*].n"));
        assertEquals(Value.number(2), eval("var.nums[2]"));
        assertEquals(Value.string("1"), eval("true ? 1 : \"x\""), "result types unify to string");
        assertEquals(Value.string("ok"), eval("false ? var.nums[99] : \"ok\""), "errors in the other branch vanish");
        assertEquals("Duplicate object key", error("{for o in var.objs : \"k\" => o.n}"));
        assertEquals("Invalid index", error("var.nums[3]"));
        assertEquals("Unsupported attribute", error("var.objs[0].nope"));
        assertEquals("Attempt to get attribute from null value", error("null.x"));
    }

    @Test
    void unknownPropagates() {
        assertFalse(eval("\"${var.unknown}-x\"").isKnown());
        assertFalse(eval("var.unknown == \"a\"").isKnown());
        assertFalse(eval("var.unknown != null ? 1 : 2").isKnown());
        Value list = eval("[for x in [1, 2] : var.unknown]");
        assertEquals(2, list.length());
        assertFalse(list.elements().get(0).isKnown());
        assertEquals(Value.unknown(Type.BOOL), eval("false && var.unknown == \"a\""), "no short-circuit, as in HCL");
        assertEquals(Value.unknown(Type.BOOL), eval("can(var.unknown)"));
    }

    @Test
    void sensitivePropagatesAndNeverShows() {
        assertTrue(eval("\"${var.secret}-x\"").isSensitive());
        assertTrue(eval("var.secret == \"x\"").isSensitive());
        Value tuple = eval("[var.secret, \"x\"]");
        assertFalse(tuple.isSensitive());
        assertTrue(tuple.elements().get(0).isSensitive());
        assertTrue(eval("{for k in [1] : k => var.secret}").get("1").isSensitive());
        Diagnostics d = new Diagnostics();
        Evaluator.evaluate(Hcl.parseExpression("var.secret + 1", "t", d), ctx(), d);
        assertTrue(d.hasErrors());
        assertFalse(d.toString().contains("s3cr3t"), d.toString());
    }

    @Test
    void tryAndCan() {
        assertEquals(Value.string("fallback"), eval("try(var.nums[10], \"fallback\")"));
        assertEquals(Value.TRUE, eval("can(var.nums[0])"));
        assertEquals(Value.FALSE, eval("can(var.nums[10])"));
        assertEquals("Error in function call", error("try(var.nums[10], null.x)"));
    }

    @Test
    void unknownFunctionSuggestsTheNearestName() {
        Diagnostics d = new Diagnostics();
        Evaluator.evaluate(Hcl.parseExpression("templatefil(\"x\", {})", "t", d), ctx(), d);
        assertEquals("Call to unknown function", d.asList().get(0).summary());
        assertTrue(d.asList().get(0).detail().contains("Did you mean \"templatefile\"?"));
    }
}
