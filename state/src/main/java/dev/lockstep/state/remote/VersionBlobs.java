package dev.lockstep.state.remote;

import dev.lockstep.state.State;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.StateCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The blobs of one state version in a {@link RemoteStore}: its metadata ({@link MetaBlob}) and its
 * state document (encoded, and encrypted, by the codec), gzip-compressed and cut into chunks of at
 * most the store's blob size, all under names unique to the write ({@link VersionRef}).
 */
final class VersionBlobs {

    private static final System.Logger LOG = System.getLogger("dev.lockstep.state");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A version's chunk is not in the store (pruned while being read, or lost). */
    static final class MissingPartException extends StateException {
        MissingPartException(String message) {
            super(message);
        }
    }

    private final RemoteStore store;
    private final StateCodec codec;

    VersionBlobs(RemoteStore store, StateCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** Writes {@code state} with metadata {@code info} (metadata first, then the chunks) under a fresh nonce. */
    VersionRef write(State state, SnapshotInfo info) throws StateException {
        byte[] n = new byte[6];
        RANDOM.nextBytes(n);
        byte[] data = gzip(codec.encode(state));
        int size = store.maxBlobBytes();
        int chunks = Math.max(1, (data.length + size - 1) / size);
        VersionRef ref = new VersionRef(state.serial(), HexFormat.of().formatHex(n), chunks);
        store.createBlob(ref.metaName(), MetaBlob.encode(info, state.lineage(), chunks));
        for (int i = 0; i < chunks; i++) {
            int from = i * size;
            store.createBlob(ref.chunkName(i), Arrays.copyOfRange(data, from, Math.min(data.length, from + size)));
        }
        return ref;
    }

    /** Reads, joins, decompresses and decodes one version's chunks. */
    State read(VersionRef ref, String what) throws StateException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < ref.chunks(); i++) {
            Optional<byte[]> c = store.readBlob(ref.chunkName(i));
            if (c.isEmpty()) {
                throw new MissingPartException(what + " (serial " + ref.serial() + ") in " + store.describe()
                        + " is missing its part " + ref.chunkName(i) + "; earlier versions are listed by `lockstep "
                        + "state history`");
            }
            all.writeBytes(c.get());
        }
        String source = what + " (serial " + ref.serial() + ") in " + store.describe();
        byte[] json;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(all.toByteArray()))) {
            json = in.readAllBytes();
        } catch (IOException e) {
            throw new StateException(source + " is corrupt: its compressed data does not check (" + e.getMessage() + ")",
                    e);
        }
        return codec.decode(json, source);
    }

    /** Deletes the chunks of the version whose metadata blob is {@code meta} (with that content), then the metadata. */
    void delete(String meta, byte[] content) throws StateException {
        String[] p = meta.split("\\.");
        int chunks = MetaBlob.chunks(content);
        for (int i = 0; i < chunks; i++) {
            store.deleteBlob("chunk." + p[1] + "." + p[2] + "." + i);
        }
        store.deleteBlob(meta);
    }

    /** Deletes a version written by a write that lost its compare-and-swap; failures are left for the next write. */
    void deleteQuietly(VersionRef ref) {
        try {
            for (int i = 0; i < ref.chunks(); i++) {
                store.deleteBlob(ref.chunkName(i));
            }
            store.deleteBlob(ref.metaName());
        } catch (StateException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the blobs of an abandoned write (" + e.getMessage()
                    + "); the next write does");
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 8));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
