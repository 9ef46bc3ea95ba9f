package dev.lockstep.state.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code .lockstep/snapshots/}: every persisted version as {@code <serial>.json} (a complete state
 * file, so restoring one is a copy) and its metadata as {@code <serial>.meta.json}, the oldest
 * deleted beyond the retention count.
 */
final class SnapshotStore {

    private static final String META = ".meta.json";

    private final Path dir;
    private final int retention;

    SnapshotStore(Path dir, int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("snapshot retention must be at least 1, got " + retention);
        }
        this.dir = dir;
        this.retention = retention;
    }

    Path dir() {
        return dir;
    }

    Path stateFile(long serial) {
        return dir.resolve(serial + ".json");
    }

    private Path metaFile(long serial) {
        return dir.resolve(serial + META);
    }

    /** Writes the snapshot and its metadata durably (state first, so metadata never names a missing file). */
    void write(byte[] state, SnapshotInfo info, String lineage) throws IOException {
        Files.createDirectories(dir);
        FileOps.replace(stateFile(info.serial()), state, true);
        FileOps.replace(metaFile(info.serial()), Json.write(true, g -> meta(info, lineage, g)), true);
    }

    private static void meta(SnapshotInfo i, String lineage, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("serial", i.serial());
        g.writeStringField("lineage", lineage);
        g.writeStringField("time", i.time() == null ? null : i.time().toString());
        g.writeStringField("user", i.user());
        g.writeStringField("command", i.command());
        g.writeStringField("plan_digest", i.planDigest());
        g.writeStringField("git_commit", i.gitCommit());
        g.writeStringField("lockstep_version", i.version());
        g.writeEndObject();
    }

    /** Deletes the oldest snapshots beyond the retention count. */
    void prune() throws IOException {
        List<Long> serials = serials();
        for (int i = 0; i < serials.size() - retention; i++) {
            long s = serials.get(i);
            Files.deleteIfExists(metaFile(s));
            Files.deleteIfExists(stateFile(s));
        }
    }

    /** The serials of the kept snapshots, oldest first. */
    List<Long> serials() throws IOException {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + META)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                try {
                    out.add(Long.parseLong(name.substring(0, name.length() - META.length())));
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The metadata of every kept snapshot with a serial up to {@code maxSerial}, newest first. */
    List<SnapshotInfo> history(long maxSerial) throws StateException {
        List<SnapshotInfo> out = new ArrayList<>();
        try {
            List<Long> serials = serials();
            for (int i = serials.size() - 1; i >= 0; i--) {
                if (serials.get(i) <= maxSerial) {
                    readMeta(serials.get(i)).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new StateException("cannot list the snapshots in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Optional<SnapshotInfo> readMeta(long serial) throws StateException {
        Path f = metaFile(serial);
        JsonNode n;
        try {
            n = Json.parse(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // pruned meanwhile
        } catch (IOException e) {
            throw new StateException("cannot read the snapshot metadata " + f + ": " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !n.path("serial").canConvertToLong()) {
            throw new StateException("the snapshot metadata " + f + " is corrupt");
        }
        try {
            return Optional.of(new SnapshotInfo(n.get("serial").longValue(), instant(n.get("time")),
                    text(n.get("user")), text(n.get("command")), text(n.get("plan_digest")), text(n.get("git_commit")),
                    text(n.get("lockstep_version"))));
        } catch (java.time.DateTimeException e) {
            throw new StateException("the snapshot metadata " + f + " has a bad time: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    /** The bytes of the snapshot at {@code serial}, if kept. */
    Optional<byte[]> read(long serial) throws StateException {
        Path f = stateFile(serial);
        try {
            return Optional.of(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException("cannot read the snapshot " + f + ": " + e.getMessage(), e);
        }
    }
}
