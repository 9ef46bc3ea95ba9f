package dev.lockstep.cli.golden;

import dev.lockstep.cli.Lockstep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Runs the command line in-process and helps lay out configuration directories, for the golden tests. */
final class Cli {

    private Cli() {
    }

    /** The result of one run: exit code, standard output, standard error. */
    record Run(int code, String out, String err) {

        /** This run's output, failing the test when the exit code is not {@code expected}. */
        String expect(int expected, String what) {
            if (code != expected) {
                throw new AssertionError(what + ": exit " + code + " (expected " + expected + ")\nstdout:\n" + out
                        + "\nstderr:\n" + err);
            }
            return out;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lockstep.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the configuration files ({@code *.hcl}) of {@code dir}, leaving state and other files. */
    static void clearConfig(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".hcl")).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
