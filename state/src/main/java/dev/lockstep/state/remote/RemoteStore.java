package dev.lockstep.state.remote;

import dev.lockstep.state.backend.StateException;
import java.util.Map;
import java.util.Optional;

/**
 * The storage a shared state backend is built on ({@link RemoteBackend}): immutable named blobs
 * and one small pointer record written by compare-and-swap. A Kubernetes namespace (Secrets) and
 * an S3 bucket (objects with conditional writes) implement it; {@link MemoryStore} is the in-memory
 * reference used by tests.
 *
 * <p>Blob names are made of lower-case letters, digits, dots and dashes, at most 120 characters,
 * and start with a kind segment ({@code meta.}, {@code chunk.}, {@code journal.}); an
 * implementation may use the kind to select without listing data it does not need. Every failure
 * is a {@link StateException} whose message names the store ({@link #describe()}) and the reason;
 * a lost race is a {@link ConflictException}.
 */
public interface RemoteStore extends AutoCloseable {

    /** Where the state lives, for messages: {@code Secrets "lockstep-prod-*" in namespace ci}. */
    String describe();

    /** The largest blob {@link #createBlob} accepts, in bytes. */
    int maxBlobBytes();

    /**
     * Stores an immutable blob. Throws {@link ConflictException} when a blob of that name exists
     * (the caller never reuses a name, so that means another writer chose the same random name).
     */
    void createBlob(String name, byte[] data) throws StateException;

    /** A blob's content, empty when there is none of that name. */
    Optional<byte[]> readBlob(String name) throws StateException;

    /**
     * The blobs whose names start with {@code prefix} (which always starts with a kind segment), with
     * their content, in any order. Used for the small kinds only ({@code meta.}, {@code journal.}).
     */
    Map<String, byte[]> listBlobs(String prefix) throws StateException;

    /** Deletes a blob; one that does not exist is not an error. */
    void deleteBlob(String name) throws StateException;

    /** The pointer record and its version, empty before the first write. */
    Optional<Versioned> readPointer() throws StateException;

    /**
     * Writes the pointer if it is still at {@code expectedVersion} (null: only if there is none
     * yet), atomically; throws {@link ConflictException} otherwise. Returns the new version.
     */
    String writePointer(Map<String, String> fields, String expectedVersion) throws StateException;

    /** The lock record of this state (a Lease, an S3 lock object). */
    LeaseStore lease();

    /** Releases clients and connections. */
    @Override
    void close();

    /** A record with the opaque version a compare-and-swap must name ({@code resourceVersion}, an ETag). */
    record Versioned(Map<String, String> fields, String version) {

        public Versioned {
            fields = Map.copyOf(fields);
        }
    }
}
