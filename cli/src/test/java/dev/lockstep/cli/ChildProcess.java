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
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), "dev.lockstep.cli.Main"));
        cmd.addAll(List.of(args));
        cmd.add("-C");
        cmd.add(dir.toString());
        cmd.add("--no-color");
        return new ChildProcess(new ProcessBuilder(cmd).start());
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

    /** Sends SIGINT, as Ctrl-C would. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    long count(String fragment) {
        synchronized (out) {
            return out.stream().filter(l -> l.contains(fragment)).count();
        }
    }

    String all() {
        return String.join("\n", out) + "\n--- stderr ---\n" + String.join("\n", err);
    }
}
