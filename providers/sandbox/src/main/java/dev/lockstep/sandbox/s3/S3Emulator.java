package dev.lockstep.sandbox.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.http.ApiRequest;
import dev.lockstep.sandbox.http.ApiResponse;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.ErrorRenderer;
import dev.lockstep.sandbox.http.Json;
import dev.lockstep.sandbox.http.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loopback Amazon S3 speaking the REST/XML protocol, enough for the AWS SDK v2 {@code S3Client}
 * to run unchanged with {@code endpointOverride(baseUri())}, path-style or virtual-host style
 * ({@code Host: bucket.localhost:port}). Every request needs a SigV4 signature scoped to service
 * {@code s3}, verified with the secret key of its access key (the sandbox's dummy credentials of
 * {@link AwsSettings} unless others are configured); payloads may be a hex SHA-256,
 * {@code UNSIGNED-PAYLOAD} or {@code aws-chunked} streaming (signed or unsigned, with trailing
 * checksums), see {@link S3Auth}. Operations and conditional writes: {@link S3Api}. Buckets
 * live in the region of the request that created them. IAM policies are not modelled.
 */
public final class S3Emulator extends EmulatorServer {
    private final AwsSettings settings;
    private final S3State state = new S3State();
    private final S3Errors errors = new S3Errors();
    private final S3Auth auth;
    private final S3Api api;

    /** An emulator with default settings and an in-memory state. */
    public S3Emulator() {
        this(new AwsSettings(), Options.defaults());
    }

    /** An emulator with the given settings and server options (port, store, ...). */
    public S3Emulator(AwsSettings settings, Options options) {
        super("s3", options);
        this.settings = settings;
        this.auth = new S3Auth(settings);
        this.api = new S3Api(state, settings);
        for (String method : List.of("GET", "PUT", "HEAD", "DELETE", "POST")) {
            router.add(method, "/", this::dispatch);
            router.add(method, "/{path+}", this::dispatch);
        }
    }

    private ApiResponse dispatch(ApiRequest req) {
        ApiResponse r = api.handle(req, Target.of(req), req.principal(S3Auth.Caller.class));
        return r.header("x-amz-request-id", S3Errors.requestId()).header("x-amz-id-2", "sandbox");
    }

    /** Counted per operation: {@code "PUT PutObject"}, {@code "GET ListObjectsV2"}. */
    @Override
    protected String endpointKey(Router.Match match, ApiRequest request) {
        return request.method() + " " + S3Api.operation(request.method(), Target.of(request), request);
    }

    @Override
    protected ErrorRenderer errors() {
        return errors;
    }

    @Override
    protected void authenticate(ApiRequest request) {
        request.principal(auth.authenticate(request));
    }

    @Override
    protected JsonNode exportState() {
        return Json.MAPPER.valueToTree(state);
    }

    @Override
    protected void importState(JsonNode saved) {
        try {
            Json.MAPPER.readerForUpdating(state).readValue(saved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read saved S3 sandbox state", e);
        }
    }

    @Override
    protected void initState() {
        // A new account has no buckets.
    }

    /** Creates a bucket in {@code region} unless it exists; returns whether it was created. */
    public boolean ensureBucket(String name, String region) {
        return withStateLock(() -> {
            boolean created = api.create(name, region);
            if (created) {
                persistNow();
            }
            return created;
        });
    }

    /** The keys of a bucket, in listing order (empty when the bucket does not exist). */
    public List<String> keys(String bucket) {
        return withStateLock(() -> {
            S3State.Bucket b = state.buckets.get(bucket);
            return b == null ? List.of() : new ArrayList<>(b.objects.keySet());
        });
    }

    /** An object's content, if it exists. */
    public Optional<byte[]> content(String bucket, String key) {
        return withStateLock(() -> Optional.ofNullable(api.object(bucket, key)).map(o -> o.data.clone()));
    }

    /** The server-side encryption an object's writer asked for ({@code AES256}), empty if none was asked. */
    public Optional<String> requestedEncryption(String bucket, String key) {
        return withStateLock(() -> Optional.ofNullable(api.object(bucket, key)).map(o -> o.sse));
    }
}
