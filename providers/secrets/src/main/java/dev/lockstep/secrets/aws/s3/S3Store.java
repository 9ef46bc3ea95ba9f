package dev.lockstep.secrets.aws.s3;

import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.ConflictException;
import dev.lockstep.state.remote.LeaseRecord;
import dev.lockstep.state.remote.LeaseStore;
import dev.lockstep.state.remote.RemoteStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A {@link RemoteStore} in an S3 bucket, for the state at key K: the pointer object at K (version:
 * its ETag; created with {@code If-None-Match: *}, replaced with {@code If-Match}), immutable blobs
 * at {@code K.d/<name>} (created with {@code If-None-Match: *}, listed with ListObjectsV2) and the
 * lock object at {@code K.tflock}, Terraform's name (created with {@code If-None-Match: *},
 * replaced with {@code If-Match}, deleted with DeleteObject {@code If-Match}).
 *
 * <p>Writes are safe to retry: when an attempt failed in a way that may have let it land (a
 * timeout, a 5xx) and the retry then loses its precondition, the object is read back, and the
 * write counts as done only if the stored bytes are exactly its own (each record write carries a
 * random id, so equal bytes mean this write).
 */
final class S3Store implements RemoteStore {
    /** The largest blob: S3 takes 5 GiB in one PUT, but a state is read whole into memory. */
    static final int MAX_BLOB_BYTES = 8 << 20;
    private static final Pattern BLOB_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,119}");

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final boolean encrypt;
    private final S3Calls calls;

    S3Store(S3Client client, String bucket, String stateKey, boolean encrypt, S3Calls calls) {
        this.client = client;
        this.bucket = bucket;
        this.key = stateKey;
        this.encrypt = encrypt;
        this.calls = calls;
    }

    @Override
    public String describe() {
        return "S3 state " + calls.where(key);
    }

    @Override
    public int maxBlobBytes() {
        return MAX_BLOB_BYTES;
    }

    private String blobKey(String name) throws StateException {
        if (!BLOB_NAME.matcher(name).matches()) {
            throw new StateException(describe() + ": invalid blob name \"" + name + "\"");
        }
        return key + ".d/" + name;
    }

    String lockKey() {
        return key + ".tflock";
    }

    @Override
    public void createBlob(String name, byte[] data) throws StateException {
        String k = blobKey(name);
        if (data.length > MAX_BLOB_BYTES) {
            throw new StateException(describe() + ": blob " + name + " is " + data.length + " bytes, over the "
                    + MAX_BLOB_BYTES + " this store takes");
        }
        S3Calls.Attempts a = new S3Calls.Attempts();
        try {
            put(k, data, null, a);
        } catch (ConflictException e) {
            if (!(a.ambiguous() && sameBytes(k, data))) {
                throw new ConflictException(describe() + ": blob " + name + " exists");
            }
        }
    }

    @Override
    public Optional<byte[]> readBlob(String name) throws StateException {
        return get(blobKey(name)).map(ResponseBytes::asByteArray);
    }

    @Override
    public Map<String, byte[]> listBlobs(String prefix) throws StateException {
        String p = key + ".d/" + prefix;
        Map<String, byte[]> out = new HashMap<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = calls.run("ListObjectsV2", p + "*", new S3Calls.Attempts(),
                    () -> client.listObjectsV2(b -> b.bucket(bucket).prefix(p).continuationToken(t)));
            for (S3Object o : page.contents()) {
                // a blob deleted between the listing and the read is left out
                get(o.key()).ifPresent(bytes -> out.put(o.key().substring(key.length() + 3), bytes.asByteArray()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return out;
    }

    @Override
    public void deleteBlob(String name) throws StateException {
        String k = blobKey(name);
        calls.run("DeleteObject", k, new S3Calls.Attempts(), () -> client.deleteObject(b -> b.bucket(bucket).key(k)));
    }

    @Override
    public Optional<Versioned> readPointer() throws StateException {
        Optional<ResponseBytes<GetObjectResponse>> got = get(key);
        if (got.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = S3Records.pointerFields(got.get().asByteArray());
        if (fields == null) {
            throw new StateException(describe() + ": the object at the state key is not a lockstep state pointer "
                    + "(a Terraform state file?). Migrate it with `lockstep state migrate`, or use another key.");
        }
        return Optional.of(new Versioned(fields, got.get().response().eTag()));
    }

    @Override
    public String writePointer(Map<String, String> fields, String expectedVersion) throws StateException {
        return writeRecord(key, S3Records.pointer(fields), expectedVersion, "pointer");
    }

    /** Writes a small record by compare-and-swap; returns its new ETag. */
    private String writeRecord(String k, byte[] bytes, String expectedVersion, String what) throws StateException {
        S3Calls.Attempts a = new S3Calls.Attempts();
        try {
            return put(k, bytes, expectedVersion, a);
        } catch (ConflictException | S3Calls.Missing e) {
            if (a.ambiguous()) {
                Optional<ResponseBytes<GetObjectResponse>> now = get(k);
                if (now.isPresent() && Arrays.equals(now.get().asByteArray(), bytes)) {
                    return now.get().response().eTag();
                }
            }
            throw new ConflictException(describe() + ": the " + what + " changed since it was read"
                    + (expectedVersion == null ? " (it exists)" : e instanceof S3Calls.Missing ? " (it is gone)" : ""));
        }
    }

    private String put(String k, byte[] data, String ifMatch, S3Calls.Attempts a) throws StateException {
        PutObjectRequest.Builder r = PutObjectRequest.builder().bucket(bucket).key(k);
        if (ifMatch == null) {
            r.ifNoneMatch("*");
        } else {
            r.ifMatch(ifMatch);
        }
        if (encrypt) {
            r.serverSideEncryption(ServerSideEncryption.AES256);
        }
        PutObjectRequest req = r.build();
        return calls.run("PutObject", k, a, () -> client.putObject(req, RequestBody.fromBytes(data))).eTag();
    }

    private Optional<ResponseBytes<GetObjectResponse>> get(String k) throws StateException {
        try {
            return Optional.of(calls.run("GetObject", k, new S3Calls.Attempts(),
                    () -> client.getObjectAsBytes(b -> b.bucket(bucket).key(k))));
        } catch (S3Calls.Missing e) {
            return Optional.empty();
        }
    }

    private boolean sameBytes(String k, byte[] data) throws StateException {
        return get(k).map(b -> Arrays.equals(b.asByteArray(), data)).orElse(false);
    }

    @Override
    public LeaseStore lease() {
        return new LeaseStore() {
            @Override
            public Optional<LeaseRecord> read() throws StateException {
                Optional<ResponseBytes<GetObjectResponse>> got = get(lockKey());
                if (got.isEmpty()) {
                    return Optional.empty();
                }
                byte[] bytes = got.get().asByteArray();
                LeaseRecord r = S3Records.leaseOf(bytes, got.get().response().eTag());
                if (r == null) {
                    throw new StateException(describe() + ": the lock object " + lockKey() + " is not a lockstep "
                            + "lock (held by " + S3Records.holder(bytes) + "; Terraform's own lock?). Wait for that "
                            + "run to finish, or remove the lock object if no run holds it.");
                }
                return Optional.of(r);
            }

            @Override
            public String write(LeaseRecord lease, String expectedVersion) throws StateException {
                return writeRecord(lockKey(), S3Records.lease(lease), expectedVersion, "lock");
            }

            @Override
            public void delete(String expectedVersion) throws StateException {
                String k = lockKey();
                if (expectedVersion == null) {
                    if (get(k).isPresent()) {
                        throw new ConflictException(describe() + ": the lock exists");
                    }
                    return;
                }
                try {
                    calls.run("DeleteObject", k, new S3Calls.Attempts(),
                            () -> client.deleteObject(b -> b.bucket(bucket).key(k).ifMatch(expectedVersion)));
                } catch (S3Calls.Missing gone) {
                    // already released (or our earlier attempt deleted it)
                } catch (ConflictException e) {
                    throw new ConflictException(describe() + ": the lock changed since it was read");
                }
            }
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
