package dev.lockstep.planner.hcl.function;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the Terraform-derived conformance cases in {@code src/test/resources/conformance/cases}
 * (format described in {@code scripts/conformance/regen.py}).
 */
public final class ConformanceCases {

    /**
     * One case. {@code expected} is lockstep's expectation: the {@code lockstep-expect} section
     * when the case has one, else Terraform's.
     *
     * @param file case file name
     * @param name unique case name
     * @param expression the HCL expression, possibly several lines
     * @param expected expected console output, or null when an error is expected
     * @param expectedError expected diagnostic summary, or null
     * @param differs why lockstep deliberately differs from Terraform, or null
     */
    public record Case(String file, String name, String expression, String expected, String expectedError,
            String differs) {
        @Override
        public String toString() {
            return file + ":" + name;
        }
    }

    private ConformanceCases() {
    }

    /** The directory holding prelude.tf, files/ and cases/. */
    public static Path root() {
        Path p = Path.of("src/test/resources/conformance");
        if (!Files.isDirectory(p)) {
            p = Path.of("planner/src/test/resources/conformance");
        }
        return p.toAbsolutePath();
    }

    /** Every case of every file, in file and case order. */
    public static List<Case> all() {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root().resolve("cases"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                out.addAll(parse(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Case> parse(Path file) throws IOException {
        // split on \n only: expected outputs may contain a bare \r
        List<String> lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)));
        List<Case> out = new ArrayList<>();
        String name = null;
        List<String> expr = new ArrayList<>();
        List<String> expect = null;
        List<String> lockstep = null;
        String expectError = null;
        String lockstepError = null;
        String differs = null;
        List<String> section = null;
        for (String line : lines) {
            if (line.startsWith("## ") && line.indexOf(':') > 0) {
                String kind = line.substring(3, line.indexOf(':'));
                String rest = line.substring(line.indexOf(':') + 1).strip();
                switch (kind) {
                    case "case" -> {
                        if (name != null) {
                            out.add(build(file, name, expr, expect, expectError, lockstep, lockstepError, differs));
                        }
                        name = rest;
                        expr = new ArrayList<>();
                        expect = null;
                        lockstep = null;
                        expectError = null;
                        lockstepError = null;
                        differs = null;
                        section = expr;
                        continue;
                    }
                    case "expect" -> {
                        expect = new ArrayList<>();
                        section = expect;
                        continue;
                    }
                    case "expect-error" -> {
                        expectError = rest;
                        section = null;
                        continue;
                    }
                    case "lockstep-expect" -> {
                        lockstep = new ArrayList<>();
                        section = lockstep;
                        continue;
                    }
                    case "lockstep-expect-error" -> {
                        lockstepError = rest;
                        section = null;
                        continue;
                    }
                    case "differs" -> {
                        differs = rest;
                        section = null;
                        continue;
                    }
                    default -> {
                        // not a directive: part of the current section
                    }
                }
            }
            if (section != null) {
                section.add(line);
            }
        }
        if (name != null) {
            out.add(build(file, name, expr, expect, expectError, lockstep, lockstepError, differs));
        }
        return out;
    }

    private static Case build(Path file, String name, List<String> expr, List<String> expect, String expectError,
            List<String> lockstep, String lockstepError, String differs) {
        String e = join(expr);
        if (lockstep != null || lockstepError != null) {
            return new Case(file.getFileName().toString(), name, e, lockstep == null ? null : join(lockstep),
                    lockstepError, differs);
        }
        return new Case(file.getFileName().toString(), name, e, expect == null ? null : join(expect), expectError,
                differs);
    }

    private static String join(List<String> lines) {
        List<String> l = new ArrayList<>(lines);
        while (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
            l.remove(l.size() - 1);
        }
        return String.join("\n", l);
    }
}
