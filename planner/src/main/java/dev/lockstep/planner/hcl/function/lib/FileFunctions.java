package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.FunctionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Filesystem functions: file, filebase64, fileexists and fileset. Relative paths resolve against
 * the configuration directory ({@link FunctionContext#baseDir()}), a leading {@code ~/} against
 * the user's home directory. Nothing here touches the network. Messages never repeat the path,
 * which is an argument and could be sensitive.
 */
public final class FileFunctions {

    private FileFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all(FunctionContext ctx) {
        return List.of(file(ctx), filebase64(ctx), fileexists(ctx), fileset(ctx));
    }

    /** The path a configuration means: home-expanded and resolved against the base directory. */
    static Path resolve(FunctionContext ctx, String path, int argIndex) throws FunctionException {
        try {
            String p = path;
            if (p.equals("~") || p.startsWith("~/")) {
                p = System.getProperty("user.home") + p.substring(1);
            }
            Path given = Path.of(p);
            return given.isAbsolute() ? given.normalize() : ctx.baseDir().resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw new FunctionException(argIndex, "the given path is not valid on this system.");
        }
    }

    static byte[] read(FunctionContext ctx, String path) throws FunctionException {
        Path p = resolve(ctx, path, 0);
        try {
            if (Files.isDirectory(p)) {
                throw new FunctionException(0, "the given path is a directory, not a file.");
            }
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new FunctionException(0, "no file exists at the given path; this function works only with files that "
                    + "are distributed as part of the configuration source code, so if this file will be created by a "
                    + "resource in this configuration you must instead obtain this result from an attribute of that "
                    + "resource.");
        } catch (IOException e) {
            throw new FunctionException(0, "failed to read the file at the given path.");
        }
    }

    static Function file(FunctionContext ctx) {
        return Function.builder("file").param("path", Type.STRING).returns(Type.STRING)
                .description("Reads the UTF-8 contents of a file in the configuration.")
                .body(args -> {
                    byte[] bytes = read(ctx, args.get(0).asString());
                    try {
                        return Value.string(StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes)).toString());
                    } catch (CharacterCodingException e) {
                        throw new FunctionException("the contents of the file are not valid UTF-8; use the filebase64 "
                                + "function to obtain the Base64 encoded contents instead.");
                    }
                });
    }

    static Function filebase64(FunctionContext ctx) {
        return Function.builder("filebase64").param("path", Type.STRING).returns(Type.STRING)
                .description("Reads the contents of a file in the configuration and returns them as Base64.")
                .body(args -> Value.string(Base64.getEncoder().encodeToString(read(ctx, args.get(0).asString()))));
    }

    static Function fileexists(FunctionContext ctx) {
        return Function.builder("fileexists").param("path", Type.STRING).returns(Type.BOOL)
                .description("Whether a regular file exists at the given path.")
                .body(args -> {
                    Path p = resolve(ctx, args.get(0).asString(), 0);
                    if (!Files.exists(p)) {
                        return Value.FALSE;
                    }
                    if (Files.isRegularFile(p)) {
                        return Value.TRUE;
                    }
                    throw new FunctionException("the given path exists but is " + (Files.isDirectory(p)
                            ? "a directory" : "not a regular file") + ", not a file.");
                });
    }

    static Function fileset(FunctionContext ctx) {
        return Function.builder("fileset").param("path", Type.STRING).param("pattern", Type.STRING)
                .returns(Type.set(Type.STRING))
                .description("Lists the files under a directory whose relative paths match the glob pattern.")
                .body(args -> {
                    Path base = resolve(ctx, args.get(0).asString(), 0);
                    Glob glob;
                    try {
                        glob = Glob.compile(args.get(1).asString());
                    } catch (Glob.BadPattern e) {
                        throw new FunctionException("failed to glob the given pattern: syntax error in pattern.");
                    }
                    List<Value> out = new ArrayList<>();
                    if (!Files.isDirectory(base)) {
                        return Value.set(Type.STRING, out);
                    }
                    try (Stream<Path> files = Files.walk(base)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(f)) {
                                continue;
                            }
                            String rel = base.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                            if (glob.matches(rel)) {
                                out.add(Value.string(rel));
                            }
                        }
                    } catch (IOException | java.io.UncheckedIOException e) {
                        throw new FunctionException("failed to list the files under the given path.");
                    }
                    return Value.set(Type.STRING, out);
                });
    }
}
