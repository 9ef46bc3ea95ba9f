package dev.lockstep.state.testing;

import dev.lockstep.state.State;
import dev.lockstep.state.audit.AuditEvent;
import dev.lockstep.state.audit.AuditLog;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.StateLockedException;
import dev.lockstep.state.codec.Json;
import dev.lockstep.state.local.LocalBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The other processes of the multi-process tests. Every line it prints is one event for the test
 * to read: {@code READY}, {@code ACQUIRED id pid}, {@code LOCKED id pid}, {@code ACK n}...
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "contend":
                contend(dir, Path.of(args[2]));
                break;
            case "hold":
                hold(dir);
                break;
            case "rawlock":
                rawLock(dir, Long.parseLong(args[2]), args[3]);
                break;
            case "journal":
                journal(dir);
                break;
            case "audit":
                audit(dir, Integer.parseInt(args[2]), args[3]);
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static LocalBackend backend(Path dir) {
        return new LocalBackend(dir, LocalBackend.Options.defaults().withLockTtl(Duration.ofSeconds(2)));
    }

    private static void say(String s) {
        System.out.println(s);
        System.out.flush();
    }

    /** Waits for the go file, tries the lock once, and if it got it holds it until stdin closes. */
    private static void contend(Path dir, Path go) throws Exception {
        LocalBackend b = backend(dir);
        b.locker().current(); // load the classes before the race
        Json.MAPPER.readTree("{}");
        say("READY");
        while (!Files.exists(go)) {
            Thread.sleep(2);
        }
        try (Lock l = b.locker().acquire("apply", Duration.ZERO)) {
            say("ACQUIRED " + l.info().id() + " " + l.info().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // hold until the test closes our stdin
            }
        } catch (StateLockedException e) {
            say(e.holder() == null ? "LOCKED null 0" : "LOCKED " + e.holder().id() + " " + e.holder().pid());
            return;
        }
        say("RELEASED");
    }

    /** Takes the lock and holds it until killed. */
    private static void hold(Path dir) throws Exception {
        Lock l = backend(dir).locker().acquire("apply", Duration.ofSeconds(20));
        say("ACQUIRED " + l.info().id() + " " + l.info().pid());
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Takes the OS lock directly and writes holder info only after {@code delayMs}: the window a
     * contender must handle without reporting an unknown holder.
     */
    private static void rawLock(Path dir, long delayMs, String id) throws Exception {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve("state.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (ch.tryLock() == null) {
            say("FAILED");
            return;
        }
        say("RAW");
        Thread.sleep(delayMs);
        Instant now = Instant.now();
        String info = "{\"id\":\"" + id + "\",\"who\":\"" + dev.lockstep.state.Identity.userAtHost()
                + "\",\"operation\":\"apply\",\"created\":\"" + now + "\",\"path\":\"x\",\"version\":\"t\",\"pid\":"
                + ProcessHandle.current().pid() + ",\"expires\":\"" + now.plusSeconds(60) + "\"}";
        Path tmp = dir.resolve("lock.json.tmp");
        Files.writeString(tmp, info);
        Files.move(tmp, dir.resolve("lock.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        say("INFO");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Journals puts as fast as it can, printing each acknowledged one, until killed. */
    private static void journal(Path dir) throws Exception {
        LocalBackend b = backend(dir);
        State s = b.load().state();
        try (Journal j = b.journal(s)) {
            for (int i = 0;; i++) {
                j.put(SampleStates.instance("r" + i, "v" + i));
                say("ACK " + i);
            }
        }
    }

    /** Appends {@code n} audit events tagged {@code tag}. */
    private static void audit(Path dir, int n, String tag) throws Exception {
        AuditLog log = new AuditLog(dir);
        say("READY");
        for (int i = 0; i < n; i++) {
            log.append(AuditEvent.now("apply", tag, List.of(new AuditEvent.Change("terraform_data.x" + i, "create")),
                    List.of(new AuditEvent.Result("terraform_data.x" + i, "ok", null)), tag + "-" + i));
        }
        say("DONE");
    }
}
