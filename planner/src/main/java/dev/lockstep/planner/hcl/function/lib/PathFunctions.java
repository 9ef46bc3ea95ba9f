package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import java.nio.file.Path;
import java.util.List;

/**
 * Terraform's path functions: {@code abspath} (relative paths resolve against the configuration
 * directory, which plays the role of Terraform's working directory under {@code -C}),
 * {@code basename}, {@code dirname} and {@code pathexpand}. Pure string work except
 * {@code abspath}, which consults no file.
 */
public final class PathFunctions {

    private PathFunctions() {
    }

    public static List<Function> all(FunctionContext ctx) {
        return List.of(abspath(ctx), basename(), dirname(), pathexpand());
    }

    static Function abspath(FunctionContext ctx) {
        return Function.builder("abspath").param("path", Type.STRING).returns(Type.STRING)
                .description("The absolute form of a path; relative paths resolve against the configuration directory.")
                .body(args -> {
                    String p = args.get(0).asString();
                    Path path = Path.of(p);
                    Path abs = path.isAbsolute() ? path : ctx.baseDir().resolve(path);
                    return Value.string(abs.toAbsolutePath().normalize().toString());
                });
    }

    static Function basename() {
        return Function.builder("basename").param("path", Type.STRING).returns(Type.STRING)
                .description("The last element of a path.")
                .body(args -> {
                    String p = trimTrailingSlashes(args.get(0).asString());
                    if (p.isEmpty()) {
                        return Value.string(args.get(0).asString().isEmpty() ? "." : "/");
                    }
                    return Value.string(p.substring(p.lastIndexOf('/') + 1));
                });
    }

    static Function dirname() {
        return Function.builder("dirname").param("path", Type.STRING).returns(Type.STRING)
                .description("A path without its last element.")
                .body(args -> {
                    String p = args.get(0).asString();
                    int i = p.lastIndexOf('/');
                    if (i < 0) {
                        return Value.string(".");
                    }
                    String d = trimTrailingSlashes(p.substring(0, i));
                    return Value.string(d.isEmpty() ? "/" : d);
                });
    }

    static Function pathexpand() {
        return Function.builder("pathexpand").param("path", Type.STRING).returns(Type.STRING)
                .description("A path with a leading ~ replaced by the home directory.")
                .body(args -> {
                    String p = args.get(0).asString();
                    String home = System.getProperty("user.home");
                    if (p.equals("~")) {
                        return Value.string(home);
                    }
                    if (p.startsWith("~/")) {
                        return Value.string(home + p.substring(1));
                    }
                    return Value.string(p);
                });
    }

    private static String trimTrailingSlashes(String p) {
        int end = p.length();
        while (end > 0 && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(0, end);
    }
}
