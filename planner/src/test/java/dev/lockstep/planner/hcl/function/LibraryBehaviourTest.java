package dev.lockstep.planner.hcl.function;

import static dev.lockstep.planner.hcl.function.Calls.call;
import static dev.lockstep.planner.hcl.function.Calls.num;
import static dev.lockstep.planner.hcl.function.Calls.str;
import static dev.lockstep.planner.hcl.function.Calls.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.library.StandardLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour the console goldens cannot show: registry, summaries, files, env, result types. */
class LibraryBehaviourTest {

    @TempDir
    Path dir;

    @Test
    void theRegistryHasTerraformsFunctionsAndEnvButNotTheEvaluatorOnes() {
        Set<String> names = Calls.LIB.keySet();
        for (String n : List.of("abs", "ceil", "floor", "log", "max", "min", "pow", "signum", "parseint", "format",
                "formatlist", "join", "split", "lower", "upper", "title", "replace", "regex", "regexall", "substr",
                "trim", "trimprefix", "trimsuffix", "trimspace", "startswith", "endswith", "strrev", "chomp", "indent",
                "strcontains", "concat", "contains", "distinct", "element", "flatten", "index", "keys", "values",
                "length", "lookup", "merge", "range", "reverse", "setunion", "setintersection", "setsubtract",
                "setproduct", "slice", "sort", "zipmap", "coalesce", "coalescelist", "compact", "one", "chunklist",
                "transpose", "alltrue", "anytrue", "sum", "matchkeys", "tostring", "tonumber", "tobool", "tolist",
                "toset", "tomap", "jsonencode", "jsondecode", "yamlencode", "yamldecode", "base64encode",
                "base64decode", "urlencode", "textencodebase64", "textdecodebase64", "md5", "sha1", "sha256", "sha512",
                "base64sha256", "base64sha512", "uuid", "timestamp", "formatdate", "cidrhost", "cidrsubnet",
                "cidrnetmask", "cidrsubnets", "file", "filebase64", "fileexists", "fileset", "env", "sensitive",
                "nonsensitive", "issensitive")) {
            assertTrue(names.contains(n), "missing " + n);
        }
        for (String n : List.of("try", "can", "templatefile")) {
            assertFalse(names.contains(n), n + " belongs to the evaluator");
        }
        assertEquals(List.copyOf(names), names.stream().sorted().toList(), "sorted by name");
    }

    @Test
    void summariesFollowTerraform() {
        FunctionException few = assertThrows(FunctionException.class, () -> call("abs"));
        assertEquals(FunctionException.NOT_ENOUGH_ARGUMENTS, few.summary());
        assertEquals("Function \"abs\" expects 1 argument(s). Missing value for \"num\".", few.getMessage());
        FunctionException many = assertThrows(FunctionException.class, () -> call("upper", str("a"), str("b")));
        assertEquals(FunctionException.TOO_MANY_ARGUMENTS, many.summary());
        assertEquals(1, many.argIndex());
        FunctionException arg = assertThrows(FunctionException.class, () -> call("abs", str("x")));
        assertEquals(FunctionException.INVALID_ARGUMENT, arg.summary());
        assertEquals("Invalid value for \"num\" parameter: a number is required.", arg.getMessage());
        FunctionException callLevel = assertThrows(FunctionException.class, () -> call("max"));
        assertEquals(FunctionException.CALL_FAILED, callLevel.summary());
        assertEquals("must pass at least one number.", callLevel.getMessage());
        FunctionException nul = assertThrows(FunctionException.class, () -> call("lower", Value.NULL));
        assertEquals("Invalid value for \"str\" parameter: argument must not be null.", nul.getMessage());
        FunctionException vararg = assertThrows(FunctionException.class,
                () -> call("range", num(1), num(4), num(-1)));
        assertEquals(1, vararg.argIndex());
        assertTrue(vararg.getMessage().startsWith("Invalid value for \"params\" parameter:"));
    }

    @Test
    void tobool_acceptsOneAndZero() throws FunctionException {
        assertEquals(Value.TRUE, call("tobool", str("1")));
        assertEquals(Value.FALSE, call("tobool", str("0")));
        assertThrows(FunctionException.class, () -> call("tobool", str("yes")));
    }

    @Test
    void numbersThroughFloat64WhereTerraformUsesIt() throws FunctionException {
        assertEquals(num("1267650600228229400000000000000"), call("pow", num(2), num(100)));
        assertEquals(num("1.4142135623730951"), call("pow", num(2), num("0.5")));
        assertEquals(num("1.6989700043360185"), call("log", num(50), num(10)));
        assertEquals(num("0.3"), call("sum", tuple(num("0.1"), num("0.2"))), "sums stay exact");
        FunctionException inf = assertThrows(FunctionException.class, () -> call("log", num(0), num(10)));
        assertTrue(inf.getMessage().contains("infinite"));
    }

    @Test
    void fileFunctionsResolveAgainstTheBaseDirectory() throws Exception {
        Files.createDirectories(dir.resolve("conf/sub"));
        Files.writeString(dir.resolve("conf/a.txt"), "héllo\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("conf/sub/b.txt"), "b", StandardCharsets.UTF_8);
        Files.write(dir.resolve("conf/bin"), new byte[] {(byte) 0xff, 0});
        Map<String, Function> lib = StandardLibrary.create(new FunctionContext(dir.resolve("conf"), Map.of(), false));
        assertEquals(str("héllo\n"), lib.get("file").call(List.of(str("a.txt"))));
        assertEquals(str("héllo\n"), lib.get("file").call(List.of(str(dir.resolve("conf/a.txt").toString()))));
        assertEquals(str("/wA="), lib.get("filebase64").call(List.of(str("bin"))));
        assertEquals(Value.TRUE, lib.get("fileexists").call(List.of(str("sub/b.txt"))));
        assertEquals(Value.FALSE, lib.get("fileexists").call(List.of(str("nope"))));
        assertEquals(Value.set(Type.STRING, List.of(str("a.txt"), str("bin"), str("sub/b.txt"))),
                lib.get("fileset").call(List.of(str("."), str("**"))));
        assertEquals(Value.set(Type.STRING, List.of(str("b.txt"))),
                lib.get("fileset").call(List.of(str("sub"), str("*.txt"))));
        FunctionException missing = assertThrows(FunctionException.class,
                () -> lib.get("file").call(List.of(str("secret-name.txt"))));
        assertEquals(FunctionException.INVALID_ARGUMENT, missing.summary());
        assertFalse(missing.getMessage().contains("secret-name"), missing.getMessage());
        FunctionException binary = assertThrows(FunctionException.class, () -> lib.get("file").call(List.of(str("bin"))));
        assertTrue(binary.getMessage().contains("UTF-8"));
        FunctionException directory = assertThrows(FunctionException.class,
                () -> lib.get("fileexists").call(List.of(str("sub"))));
        assertEquals(FunctionException.CALL_FAILED, directory.summary());
    }

    @Test
    void envReadsTheContextEnvironmentOnly() throws FunctionException {
        Map<String, Function> lib = StandardLibrary.create(
                new FunctionContext(dir, Map.of("LOCKSTEP_X", "1", "EMPTY", ""), false));
        Function env = lib.get("env");
        assertEquals(str("1"), env.call(List.of(str("LOCKSTEP_X"))));
        assertEquals(str(""), env.call(List.of(str("EMPTY"), str("d"))), "a set but empty variable is set");
        assertEquals(str("d"), env.call(List.of(str("PATH"), str("d"))), "the process environment is not consulted");
        FunctionException unset = assertThrows(FunctionException.class, () -> env.call(List.of(str("PATH"))));
        assertFalse(unset.getMessage().contains("PATH"));
        assertThrows(FunctionException.class, () -> env.call(List.of(str("A"), str("b"), str("c"))));
    }

    @Test
    void resultTypesOfStructuralFunctions() throws FunctionException {
        assertEquals(Type.list(Type.STRING), call("concat", Calls.strList("a"), Calls.strList("b")).type());
        assertTrue(call("concat", tuple(num(1)), tuple(str("a"))).isTuple());
        assertTrue(call("merge", Value.map(Type.STRING, Map.of("a", str("x"))),
                Value.map(Type.STRING, Map.of("b", str("y")))).isMap());
        assertTrue(call("merge", Value.map(Type.STRING, Map.of("a", str("x"))),
                Value.map(Type.NUMBER, Map.of("a", num(1)))).isObject());
        assertEquals(Type.list(Type.list(Type.STRING)), call("chunklist", Calls.strList("a", "b"), num(1)).type());
        assertTrue(call("setproduct", Value.set(Type.STRING, List.of(str("a"))), tuple(num(1))).isSet());
        assertTrue(call("regex", str("(a)(b)"), str("ab")).isTuple());
        assertTrue(call("regex", str("(?P<x>a)"), str("ab")).isObject());
        assertEquals(Type.list(Type.STRING), call("regexall", str("a"), str("aa")).type());
        assertEquals(Type.DYNAMIC, call("jsondecode", str("null")).type());
    }
}
