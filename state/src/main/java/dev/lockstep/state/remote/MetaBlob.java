package dev.lockstep.state.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.codec.Json;
import dev.lockstep.state.codec.SnapshotMeta;
import java.io.IOException;

/**
 * The {@code meta.<serial>.<nonce>} blob of a shared backend: {@code {"chunks": N, "snapshot": {...}}},
 * the number of chunks the version was written in (so that a version can be deleted without reading
 * its data) and its snapshot metadata in the local backend's format ({@link SnapshotMeta}).
 */
final class MetaBlob {

    private MetaBlob() {
    }

    static byte[] encode(SnapshotInfo info, String lineage, int chunks) {
        try {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("chunks", chunks);
            n.set("snapshot", Json.MAPPER.readTree(SnapshotMeta.encode(info, lineage)));
            return Json.MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The chunk count; 0 when the blob is unreadable (its chunks are then left for a human). */
    static int chunks(byte[] blob) {
        try {
            JsonNode n = Json.MAPPER.readTree(blob);
            return n.path("chunks").asInt(0);
        } catch (IOException e) {
            return 0;
        }
    }

    static SnapshotInfo decode(byte[] blob) throws SnapshotMeta.Unreadable {
        try {
            JsonNode n = Json.MAPPER.readTree(blob);
            JsonNode s = n == null ? null : n.get("snapshot");
            if (s == null || !s.isObject()) {
                return SnapshotMeta.decode(blob);
            }
            return SnapshotMeta.decode(Json.MAPPER.writeValueAsBytes(s));
        } catch (IOException e) {
            return SnapshotMeta.decode(blob);
        }
    }
}
