package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.config.ConfigLoader;
import dev.lockstep.planner.hcl.format.Formatter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The file side of {@code lockstep fmt}: which files the arguments name (the {@code *.hcl} files
 * of a directory, of its subdirectories too when recursive, never those of hidden directories
 * such as {@code .lockstep/}), their formatted text, and the atomic replacement of a file.
 */
public final class Formatting {

    /** One file: its path, its name as shown (relative to the configuration directory), its text and its canonical text. */
    public record Result(Path path, String display, String source, String formatted) {
        public boolean changed() {
            return !source.equals(formatted);
        }
    }

    /** The name standard input goes by in listings, diffs and diagnostics, as in Terraform. */
    public static final String STDIN = "<stdin>";

    private final Path base;
    private final boolean recursive;
    private final Diagnostics diags;
    private final Map<Path, Result> results = new LinkedHashMap<>();

    private Formatting(Path base, boolean recursive, Diagnostics diags) {
        this.base = base;
        this.recursive = recursive;
        this.diags = diags;
    }

    /**
     * Reads and formats every file the targets name (the directory {@code base} when there are
     * none), in order. Problems (a missing path, a file that is not {@code .hcl}, unreadable
     * text, syntax errors) go to {@code diags}; a file with errors keeps its text.
     */
    public static List<Result> format(Path base, List<String> targets, boolean recursive, Diagnostics diags) {
        Formatting f = new Formatting(base, recursive, diags);
        for (String t : targets.isEmpty() ? List.of(".") : targets) {
            Path p = base.resolve(t).normalize();
            if (Files.isDirectory(p)) {
                f.directory(p);
            } else if (!Files.exists(p)) {
                diags.error("No file or directory at " + (t.equals(".") ? p.toString() : t), "lockstep fmt formats "
                        + "the named files and the *.hcl files of the named directories.", null);
            } else if (!p.getFileName().toString().endsWith(".hcl")) {
                diags.error("Only .hcl files can be formatted", t + " is not an .hcl file.", null);
            } else {
                f.file(p);
            }
        }
        return List.copyOf(f.results.values());
    }

    /** Standard input, formatted; its result has no path. */
    public static Result formatStdin(InputStream in, Diagnostics diags) throws IOException {
        String src = ConfigLoader.decode(in.readAllBytes(), STDIN, diags);
        src = src == null ? "" : src;
        return new Result(null, STDIN, src, Formatter.format(src, STDIN, diags));
    }

    private void directory(Path dir) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !ignored(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            diags.error("Cannot read directory " + display(dir), String.valueOf(e.getMessage()), null);
            return;
        }
        for (Path p : entries) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                if (recursive) {
                    directory(p);
                }
            } else if (p.getFileName().toString().endsWith(".hcl") && Files.isRegularFile(p)) {
                file(p);
            }
        }
    }

    /** Names Terraform ignores too: hidden files and directories (.lockstep, .git), editor backups and lock files. */
    private static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith("~") || name.startsWith("#") && name.endsWith("#");
    }

    private void file(Path p) {
        if (results.containsKey(p)) {
            return;
        }
        String display = display(p);
        String source = ConfigLoader.readSource(p, display, diags);
        if (source != null) {
            results.put(p, new Result(p, display, source, Formatter.format(source, display, diags)));
        }
    }

    private String display(Path p) {
        return (p.startsWith(base) && !p.equals(base) ? base.relativize(p) : p).toString();
    }

    /** The text of every file read, by its name as shown, for printing diagnostics with their source line. */
    public static Map<String, String> sources(List<Result> results) {
        Map<String, String> out = new LinkedHashMap<>();
        results.forEach(r -> out.put(r.display(), r.source()));
        return out;
    }

    /**
     * Replaces the file (the target of a symbolic link, not the link) with {@code text}: written
     * to a temporary file in the same directory, given the file's permissions, and renamed over
     * it, so that a reader sees the old file or the new one, never a part.
     */
    public static void replace(Path path, String text) throws IOException {
        Path target = path.toRealPath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
            if (Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A diagnostic for a file that could not be written. */
    public static void writeFailed(Diagnostics diags, Result r, IOException e) {
        diags.error("Failed to write " + r.display(), String.valueOf(e.getMessage()), SourceRange.synthetic(r.display()));
    }
}
