package dev.lockstep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a separate JVM (the test class path, so the test provider is there), for tests that
 * kill it or run several at once. Output lines are collected as they arrive.
 */
final class ChildProcess {

    final Process process;
    final List<String> out = Collections.synchronizedList(new ArrayList<>());
    final List<String> err = Collections.synchronizedList(new ArrayList<>());

    private ChildProcess(Process p) {
        this.process = p;
        pump(p.getInputStream(), out);
        pump(p.getErrorStream(), err);
    }

    static ChildProcess start(Path dir, String... args) throws IOException {
        return start(dir, java.util.Map.of(), args);
    }

    /** Starts the CLI with extra environment variables. */
    static ChildProcess start(Path dir, java.util.Map<String, String> env, String... args) throws IOException {
        return start(List.of(), dir, env, args);
    }

    /**
     * Starts the CLI with SIGINT ignored, as a POSIX shell starts a background job of a
     * non-interactive script ({@code sh -c 'trap "" INT; exec java ...'}).
     */
    static ChildProcess startIgnoringSigint(Path dir, String... args) throws IOException {
        return start(List.of("sh", "-c", "trap '' INT; exec \"$0\" \"$@\""), dir, java.util.Map.of(), args);
    }

    private static ChildProcess start(List<String> prefix, Path dir, java.util.Map<String, String> env,
            String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), "dev.lockstep.cli.Main"));
        cmd.addAll(List.of(args));
        cmd.add("-C");
        cmd.add(dir.toString());
        cmd.add("--no-color");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return new ChildProcess(pb.start());
    }

    private static void pump(java.io.InputStream in, List<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.add(line);
                }
            } catch (IOException e) {
                // process gone
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the process to end; returns its exit code (or fails after the timeout). */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not end within " + seconds + "s; output: " + out + " " + err);
        }
        return process.exitValue();
    }

    void kill() {
        process.destroyForcibly();
    }

    /**
     * Sends SIGINT, as Ctrl-C would. A process started with SIGINT ignored keeps it ignored; a test
     * that needs SIGINT to arrive checks {@link #ignoresSigint()} first.
     */
    void interrupt() throws IOException, InterruptedException {
        signal("INT");
    }

    /** Sends SIGTERM, as a CI system cancelling a job or Kubernetes stopping a pod does. */
    void terminate() throws IOException, InterruptedException {
        signal("TERM");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        if (code != 0 && process.isAlive()) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed: " + code);
        }
    }

    /**
     * Whether the process ignores SIGINT: it inherited the ignore from this JVM, which was started
     * so (as a background job of a non-interactive shell is), or was started so on purpose. Linux
     * only ({@code SigIgn} of {@code /proc/PID/status}); false elsewhere.
     */
    boolean ignoresSigint() {
        return (sigIgnMask(Path.of("/proc", Long.toString(process.pid()), "status")) & (1L << (2 - 1))) != 0;
    }

    /** The {@code SigIgn} mask of a {@code /proc/PID/status} file; 0 when it cannot be read. */
    static long sigIgnMask(Path status) {
        try {
            for (String line : java.nio.file.Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return 0;
    }

    long count(String fragment) {
        synchronized (out) {
            return out.stream().filter(l -> l.contains(fragment)).count();
        }
    }

    /** Everything printed so far (safe while the process still prints). */
    String all() {
        String o;
        String e;
        synchronized (out) {
            o = String.join("\n", out);
        }
        synchronized (err) {
            e = String.join("\n", err);
        }
        return o + "\n--- stderr ---\n" + e;
    }
}
