package dev.lockstep.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process and measures it: wall time (monotonic clock, from just before the
 * process is started to its exit), peak RSS and CPU time (user + system) through
 * {@code /usr/bin/time -f "%M %U %S"} when that program exists, and the instant it was started (to compare with the emulators' request log).
 * Output goes to files, never through pipes the benchmark would have to drain.
 */
public final class Proc {

    /** The outcome of one run. */
    public record Run(List<String> command, int exit, double seconds, long peakRssKb, double cpuSeconds,
            Instant started, Path stdout, Path stderr) {
        /** The standard output, as text. */
        public String out() {
            return read(stdout);
        }

        /** The standard error, as text. */
        public String err() {
            return read(stderr);
        }

        /** Fails unless the exit code is one of {@code codes}. */
        public Run expect(int... codes) {
            for (int c : codes) {
                if (c == exit) {
                    return this;
                }
            }
            String e = err();
            String o = out();
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + "\nstderr: "
                    + tail(e) + "\nstdout: " + tail(o));
        }

        /** Deletes the captured output. */
        public void discard() {
            try {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String tail(String s) {
            return s.length() > 3000 ? "..." + s.substring(s.length() - 3000) : s;
        }

        private static String read(Path p) {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Path TIME = Path.of("/usr/bin/time");

    private final Path scratch;

    /** Runs processes keeping their output under {@code scratch}. */
    public Proc(Path scratch) {
        this.scratch = scratch;
    }

    /** Whether peak RSS can be measured here. */
    public static boolean measuresRss() {
        return Files.isExecutable(TIME);
    }

    /** Runs {@code command} in {@code cwd} with extra environment {@code env} (a null value removes a variable). */
    public Run run(List<String> command, Path cwd, Map<String, String> env, long timeoutSeconds) {
        try {
            Files.createDirectories(scratch);
            Path out = Files.createTempFile(scratch, "out", ".txt");
            Path err = Files.createTempFile(scratch, "err", ".txt");
            Path rss = Files.createTempFile(scratch, "rss", ".txt");
            List<String> cmd = new ArrayList<>();
            if (measuresRss()) {
                cmd.addAll(List.of(TIME.toString(), "-f", "%M %U %S", "-o", rss.toString()));
            }
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Instant started = Instant.now();
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                throw new TimeoutException(String.join(" ", command) + " ran longer than " + timeoutSeconds + " s");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = -1;
            double cpu = Double.NaN;
            if (measuresRss()) {
                String s = Files.readString(rss).trim();
                // /usr/bin/time writes "Command exited with non-zero status N" before the figures
                String[] lines = s.split("\n");
                String[] f = lines[lines.length - 1].trim().split(" ");
                try {
                    peak = Long.parseLong(f[0]);
                    cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    peak = -1;
                }
            }
            Files.deleteIfExists(rss);
            return new Run(List.copyOf(command), p.exitValue(), seconds, peak, cpu, started, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A run that took longer than its time limit (the process was killed). */
    public static final class TimeoutException extends RuntimeException {
        TimeoutException(String message) {
            super(message);
        }
    }
}
