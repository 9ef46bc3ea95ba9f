package dev.lockstep.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.validate.ConfigValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A variable whose type contains {@code any} settles it as Terraform 1.11 does (checked with
 * {@code terraform console} and {@code terraform plan}, answers recorded below): the elements of
 * a list or map are converted, then unified to one concrete type (objects of different
 * attributes become maps when their attribute types unify); when they cannot be unified the
 * variable gets a diagnostic, never an exception.
 */
class AnyTypeConversionTest {

    private static final String ROLES = """
            variable "roles" {
              type = list(object({ name = string, can_use = list(string), definition = any }))
            }
            """;

    @TempDir
    Path dir;

    private ConfigValidator.Result validate(String main, String vars) {
        Configs.write(dir, "main.hcl", main, "given.auto.vars.hcl", vars);
        return Configs.validate(dir);
    }

    private Value valid(String main, String vars, String name) {
        ConfigValidator.Result r = validate(main, vars);
        assertFalse(r.diagnostics().hasErrors(), Configs.describe(r.diagnostics()));
        return r.scope().variables().get(name);
    }

    private Diagnostic oneError(String main, String vars) {
        ConfigValidator.Result r = validate(main, vars);
        List<Diagnostic> errors = r.diagnostics().asList().stream()
                .filter(d -> d.severity() == dev.lockstep.api.diag.Severity.ERROR).toList();
        assertEquals(1, errors.size(), Configs.describe(r.diagnostics()));
        return errors.get(0);
    }

    @Test
    void objectsOfDifferentShapesUnderAnyBecomeMapsOfTheirCommonType() {
        // terraform: list(object({can_use: list(string), definition: map(string), name: string})),
        // definition of b = tomap({"y" = "2", "z" = "true"})
        Value v = valid(ROLES, """
                roles = [
                  { name = "a", can_use = ["x"], definition = { x = "1" } },
                  { name = "b", can_use = [], definition = { y = 2, z = true } },
                ]
                """, "roles");
        assertEquals("list(object({can_use=list(string), definition=map(string), name=string}))",
                v.type().typeExpr());
        Value b = v.elements().get(1);
        assertEquals(Value.map(dev.lockstep.api.value.Type.STRING,
                Map.of("y", Value.string("2"), "z", Value.string("true"))), b.get("definition"));
        assertEquals(Value.emptyList(dev.lockstep.api.value.Type.STRING), b.get("can_use"));
    }

    @Test
    void objectsOfTheSameAttributesUnderAnyStayObjects() {
        // terraform: definition: object({k: list(string), x: string})
        Value v = valid(ROLES, """
                roles = [
                  { name = "a", can_use = ["x"], definition = { x = "1", k = ["a"] } },
                  { name = "b", can_use = [], definition = { x = "2", k = [] } },
                ]
                """, "roles");
        assertEquals("list(object({can_use=list(string), definition=object({k=list(string), x=string}), "
                + "name=string}))", v.type().typeExpr());
    }

    @Test
    void elementsWithNoCommonTypeAreADiagnosticAtTheValue() {
        // terraform: "The given value is not suitable for var.roles declared at main.tf:1,1-17: cannot find
        // a common base type for all elements."
        Diagnostic d = oneError(ROLES, """
                roles = [
                  { name = "a", can_use = ["x"], definition = { x = "1" } },
                  { name = "b", can_use = [], definition = { y = [2], z = true } },
                ]
                """);
        assertEquals("Invalid value for input variable", d.summary());
        assertEquals("The given value is not suitable for var.roles declared at main.hcl:1,1: cannot find a "
                + "common base type for all elements.", d.detail());
        assertEquals("given.auto.vars.hcl", d.subject().file());
        assertEquals(1, d.subject().start().line());
    }

    @Test
    void mapsUnifyLikeLists() {
        // terraform: map(object({definition: map(string)})); with y = [2]: "cannot find a common base type
        // for all elements."
        String main = "variable \"m\" {\n  type = map(object({ definition = any }))\n}\n";
        Value v = valid(main, "m = { a = { definition = { x = \"1\" } }, b = { definition = { y = 2 } } }\n", "m");
        assertEquals("map(object({definition=map(string)}))", v.type().typeExpr());
        assertEquals(Value.string("2"), v.get("b").get("definition").get("y"));
        Diagnostic d = oneError(main,
                "m = { a = { definition = { x = \"1\" } }, b = { definition = { y = [2] } } }\n");
        assertTrue(d.detail().endsWith(": cannot find a common base type for all elements."), d.detail());
    }

    @Test
    void setsOfObjectsDoNotUnifyWhatAnyLeftOpen() {
        // terraform refuses even the unifiable case: "element types must all match for conversion to set."
        String main = "variable \"s\" {\n  type = set(object({ definition = any }))\n}\n";
        Diagnostic d = oneError(main, "s = [{ definition = { x = \"1\" } }, { definition = { y = 2 } }]\n");
        assertTrue(d.detail().endsWith(": element types must all match for conversion to set."), d.detail());
        Value same = valid(main, "s = [{ definition = { x = \"1\" } }, { definition = { x = \"2\" } }]\n", "s");
        assertEquals("set(object({definition=object({x=string})}))", same.type().typeExpr());
        // nor a null attribute next to an object one (terraform: the same message)
        Diagnostic withNull = oneError(main, "s = [{ definition = { x = \"1\" } }, { definition = null }]\n");
        assertTrue(withNull.detail().endsWith(": element types must all match for conversion to set."),
                withNull.detail());
    }

    @Test
    void collectionsOfAnyUnifyOrSayWhichElementsDisagree() {
        // terraform: map(any) and set(any) of {x = "1"} and {y = 2} are map(map(string)) and set(map(string));
        // with y = [2]: "all map elements must have the same type." / "all set elements must have the same
        // type." / "all list elements must have the same type."
        String main = """
                variable "m" {
                  type = map(any)
                }
                variable "s" {
                  type = set(any)
                }
                variable "l" {
                  type = list(any)
                }
                """;
        ConfigValidator.Result ok = validate(main, """
                m = { a = { x = "1" }, b = { y = 2 } }
                s = [{ x = "1" }, { y = 2 }]
                l = [{ x = "1" }, { y = 2 }]
                """);
        assertFalse(ok.diagnostics().hasErrors(), Configs.describe(ok.diagnostics()));
        assertEquals("map(map(string))", ok.scope().variables().get("m").type().typeExpr());
        assertEquals("set(map(string))", ok.scope().variables().get("s").type().typeExpr());
        assertEquals("list(map(string))", ok.scope().variables().get("l").type().typeExpr());
        String out = Configs.describe(validate(main, """
                m = { a = { x = "1" }, b = { y = [2] } }
                s = [{ x = "1" }, { y = [2] }]
                l = [{ x = "1" }, { y = [2] }]
                """).diagnostics());
        assertTrue(out.contains("var.m declared at main.hcl:1,1: all map elements must have the same type."), out);
        assertTrue(out.contains("var.s declared at main.hcl:4,1: all set elements must have the same type."), out);
        assertTrue(out.contains("var.l declared at main.hcl:7,1: all list elements must have the same type."), out);
    }

    @Test
    void anElementThatConvertsToTheWantedTypeNeedNotHaveTheSameTypeBeforehand() {
        // name = 1 and name = true both convert to string; definition still unifies afterwards
        Value v = valid(ROLES, """
                roles = [
                  { name = 1, can_use = [true], definition = "d" },
                  { name = true, can_use = [], definition = 2 },
                ]
                """, "roles");
        assertEquals("list(object({can_use=list(string), definition=string, name=string}))", v.type().typeExpr());
        assertEquals(Value.string("2"), v.elements().get(1).get("definition"));
    }

    @Test
    void optionalDefaultsUnderAnyAreUnifiedWithTheOtherElements() {
        // terraform: [{ d = { x = 1 } }, {}] is list(object({d: map(number)})) with d = tomap({}) in the second
        String main = "variable \"o\" {\n  type = list(object({ d = optional(any, {}) }))\n}\n";
        Value v = valid(main, "o = [{ d = { x = 1 } }, {}]\n", "o");
        assertEquals("list(object({d=map(number)}))", v.type().typeExpr());
        assertEquals(Value.map(dev.lockstep.api.value.Type.NUMBER, Map.of()), v.elements().get(1).get("d"));
    }
}
