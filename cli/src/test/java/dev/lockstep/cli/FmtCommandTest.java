package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep fmt} as a user runs it: what it rewrites, lists, prints and exits with. */
class FmtCommandTest {

    private static final String UGLY = "a=1\nlonger = [1,2]\n";
    private static final String PRETTY = "a      = 1\nlonger = [1, 2]\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private CliTest.Run fmt(String... args) {
        String[] all = Stream.concat(Stream.of("fmt", "--no-color", "-C", dir.toString()), Stream.of(args))
                .toArray(String[]::new);
        return CliTest.run(all);
    }

    @Test
    void rewritesFilesInPlaceListsThemAndKeepsTheirPermissions() throws Exception {
        Path main = write("main.hcl", UGLY);
        Path vars = write("prod.vars.hcl", "region  =  \"eu\"\n");
        write("done.hcl", PRETTY);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.setPosixFilePermissions(main, PosixFilePermissions.fromString("rw-r-----"));
        }
        CliTest.Run r = fmt();
        assertEquals(0, r.code(), r.err());
        assertEquals("main.hcl\nprod.vars.hcl\n", r.out());
        assertEquals(PRETTY, Files.readString(main));
        assertEquals("region = \"eu\"\n", Files.readString(vars));
        if (posix) {
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(main)));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "a temporary file was left behind");
        }
        assertEquals("", fmt().out(), "a second run has nothing to do");
    }

    @Test
    void checkExitsTwoAndWritesNothing() throws Exception {
        Path main = write("main.hcl", UGLY);
        byte[] before = Files.readAllBytes(main);
        CliTest.Run r = fmt("--check");
        assertEquals(2, r.code(), r.err());
        assertEquals("main.hcl\n", r.out());
        assertArrayEquals(before, Files.readAllBytes(main));
        assertEquals("", fmt("--check", "--list=false").out());
        Files.writeString(main, PRETTY);
        assertEquals(0, fmt("--check").code());
    }

    @Test
    void diffPrintsAUnifiedDiffAsDiffDoes() throws Exception {
        // the golden is GNU diff -u's output for the file and its formatted form
        String src = resource("fmt-diff.hcl");
        Path main = write("main.hcl", src);
        CliTest.Run r = fmt("--diff", "--list=false", "--write=false");
        assertEquals(0, r.code(), r.err());
        assertEquals(resource("fmt-diff.golden"), r.out());
        assertEquals(src, Files.readString(main));
    }

    @Test
    void standardInputIsFormattedToStandardOutput() throws Exception {
        write("main.hcl", UGLY);
        assertEquals(PRETTY, withStdin(UGLY, "-").out());
        assertEquals(UGLY, Files.readString(dir.resolve("main.hcl")), "stdin mode touches no file");
        CliTest.Run check = withStdin(UGLY, "--check", "-");
        assertEquals(2, check.code());
        assertEquals("<stdin>\n", check.out());
        assertEquals(0, withStdin(PRETTY, "--check", "-").code());
        CliTest.Run bad = withStdin("a = (\n", "-");
        assertEquals(1, bad.code());
        assertEquals("", bad.out());
        assertTrue(bad.err().contains("on <stdin> line 2, column 1:"), bad.err());
    }

    @Test
    void aSyntaxErrorExitsOneWithItsLocationAndChangesNoFile() throws Exception {
        Path bad = write("bad.hcl", "locals {\n  a =  1 +\n}\n");
        Path other = write("other.hcl", UGLY);
        byte[] badBefore = Files.readAllBytes(bad);
        CliTest.Run r = fmt();
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("on bad.hcl line 2, column 11:"), r.err());
        assertArrayEquals(badBefore, Files.readAllBytes(bad));
        assertEquals(UGLY, Files.readString(other), "no file is changed when one has a syntax error");
    }

    @Test
    void recursiveDescendsIntoSubdirectoriesButNotHiddenOnes() throws Exception {
        write("main.hcl", UGLY);
        Path sub = write("overlays/prod/main.hcl", UGLY);
        Path state = write(".lockstep/stray.hcl", UGLY);
        assertEquals("main.hcl\n", fmt("--check").out(), "without -r only the directory itself");
        CliTest.Run r = fmt("--recursive");
        assertEquals(0, r.code(), r.err());
        assertEquals("main.hcl\n" + Path.of("overlays", "prod", "main.hcl") + "\n", r.out());
        assertEquals(PRETTY, Files.readString(sub));
        assertEquals(UGLY, Files.readString(state));
    }

    @Test
    void namedFilesAndDirectories() throws Exception {
        write("a/one.hcl", UGLY);
        write("b.hcl", UGLY);
        write("notes.txt", UGLY);
        CliTest.Run r = fmt("b.hcl", "a");
        assertEquals(0, r.code(), r.err());
        assertEquals("b.hcl\n" + Path.of("a", "one.hcl") + "\n", r.out());
        assertEquals(1, fmt("notes.txt").code());
        assertTrue(fmt("missing.hcl").err().contains("No file or directory at missing.hcl"));
    }

    @Test
    void withoutListAndWriteTheFormattedTextIsPrinted() throws Exception {
        Path main = write("main.hcl", UGLY);
        CliTest.Run r = fmt("--list=false", "--write=false");
        assertEquals(PRETTY, r.out());
        assertEquals(UGLY, Files.readString(main));
    }

    @Test
    void completionKnowsTheCommand() {
        CliTest.Run r = CliTest.run("completion");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--recursive") && r.out().contains("fmt"), r.out());
    }

    private CliTest.Run withStdin(String text, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return fmt(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = FmtCommandTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
