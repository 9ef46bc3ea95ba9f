package dev.lockstep.state.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit checked out in the git work tree containing a directory, read from the repository
 * files ({@code .git/HEAD}, loose refs, {@code packed-refs}; linked work trees and submodules
 * whose {@code .git} is a file) without running git. Recorded in snapshot metadata so a state
 * version can be traced to the configuration that produced it.
 */
public final class GitHead {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private GitHead() {
    }

    /** The commit id of HEAD for the work tree containing {@code dir}; empty when there is none. */
    public static Optional<String> commitOf(Path dir) {
        try {
            Path gitDir = findGitDir(dir.toAbsolutePath().normalize());
            if (gitDir == null) {
                return Optional.empty();
            }
            Path common = gitDir;
            Path commondir = gitDir.resolve("commondir");
            if (Files.isRegularFile(commondir)) {
                common = gitDir.resolve(read(commondir)).normalize();
            }
            String head = read(gitDir.resolve("HEAD"));
            for (int depth = 0; depth < 10; depth++) {
                if (SHA.matcher(head).matches()) {
                    return Optional.of(head);
                }
                if (!head.startsWith("ref:")) {
                    return Optional.empty();
                }
                String ref = head.substring(4).trim();
                String next = resolveRef(gitDir, common, ref);
                if (next == null) {
                    return Optional.empty(); // an unborn branch: no commit yet
                }
                head = next;
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path findGitDir(Path start) throws IOException {
        for (Path d = start; d != null; d = d.getParent()) {
            Path g = d.resolve(".git");
            if (Files.isDirectory(g)) {
                return g;
            }
            if (Files.isRegularFile(g)) {
                String s = read(g);
                if (s.startsWith("gitdir:")) {
                    return d.resolve(s.substring(7).trim()).normalize();
                }
                return null;
            }
        }
        return null;
    }

    private static String resolveRef(Path gitDir, Path common, String ref) throws IOException {
        for (Path base : List.of(gitDir, common)) {
            Path f = base.resolve(ref);
            if (Files.isRegularFile(f)) {
                return read(f);
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.startsWith("^")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                if (sp > 0 && line.substring(sp + 1).trim().equals(ref)) {
                    return line.substring(0, sp).trim();
                }
            }
        }
        return null;
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8).trim();
    }
}
