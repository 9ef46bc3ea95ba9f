package dev.lockstep.planner.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.FunctionContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalSmokeTest {

    static Value eval(String src) {
        Diagnostics d = new Diagnostics();
        var e = Hcl.parseExpression(src, "<test>", d);
        Value v = Evaluator.evaluate(e, EvalContext.of(Map.of(), Map.of(), FunctionContext.defaults()), d);
        assertFalse(d.hasErrors(), () -> d.toString());
        return v;
    }

    @Test
    void smoke() {
        assertEquals(Value.number(14), eval("2 + 3 * 4"));
        assertEquals(Value.number(-4), eval("1 - 2 - 3"));
        assertEquals(Value.string("a-1-b"), eval("\"a-${1}-${\"b\"}\""));
        assertEquals(Value.string("x\n  y\n"), eval("<<-EOT\n    x\n      y\n    EOT\n"));
        assertEquals(Value.string("yes"), eval("\"%{if 1 < 2}yes%{else}no%{endif}\""));
        assertEquals(Value.string("a,b,"), eval("\"%{for x in [\"a\",\"b\"]}${x},%{endfor}\""));
        System.out.println(eval("{for k, v in {a=1,b=2}: v => k}"));
        System.out.println(eval("[for x in [1,2,3]: x*2 if x > 1]"));
        System.out.println(eval("[{a=1},{a=2}][*].a"));
        System.out.println(eval("{a = [1, 2]}.a[1]"));
    }
}
