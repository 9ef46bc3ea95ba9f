package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.provider.kubernetes.backend.StoreErrors.Call;
import dev.lockstep.provider.kubernetes.client.RequestCounter;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import dev.lockstep.state.remote.ConflictException;
import dev.lockstep.state.remote.LeaseStore;
import dev.lockstep.state.remote.RemoteStore;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A {@link RemoteStore} in one namespace, for one {@code secret_suffix} S:
 * <ul>
 *   <li>each blob is an immutable Secret {@code lockstep-S-<blob>} of type {@value #TYPE} with one
 *       data key {@value #DATA_KEY} and the labels {@code lockstep.dev/state=S},
 *       {@code lockstep.dev/kind=<kind>} (the blob name's first segment) and the user's; a LIST
 *       selects by those labels, so it never returns another kind's data;</li>
 *   <li>the pointer is the Secret {@code lockstep-state-S} (kind {@code pointer}), one data key per
 *       field, replaced with its {@code resourceVersion} as precondition;</li>
 *   <li>the lock is the Lease {@code lockstep-lock-S} (kind {@code lock}), see {@link LeaseMapping}.</li>
 * </ul>
 * Versions are resourceVersions. Requests are retried by the client (429, 5xx, lost answers); a
 * write whose first answer was lost and whose retry meets its own result (409) checks that what is
 * stored is exactly what it wrote and then succeeds.
 */
final class KubernetesStore implements RemoteStore {

    static final String TYPE = "lockstep.dev/state";
    static final String STATE_LABEL = "lockstep.dev/state";
    static final String KIND_LABEL = "lockstep.dev/kind";
    static final String DATA_KEY = "blob";
    /** Under the API server's 1 MiB limit on a Secret's data, with room for the object around it. */
    static final int MAX_BLOB_BYTES = 768 * 1024;
    static final int LIST_PAGE = 100;

    private static final Pattern BLOB_NAME = Pattern.compile("[a-z0-9]+\\.[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
    private static final Pattern FIELD_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private final KubernetesClient client;
    private final RequestCounter counter;
    private final Retrier retrier;
    private final String namespace;
    private final String suffix;
    private final Map<String, String> userLabels;
    private final String describe;

    private KubernetesStore(KubernetesClient client, RequestCounter counter, Retrier retrier, BackendSettings s) {
        this.client = client;
        this.counter = counter;
        this.retrier = retrier;
        this.namespace = s.namespace();
        this.suffix = s.suffix();
        this.userLabels = s.labels();
        this.describe = "Secrets \"lockstep-" + suffix + "-*\" in namespace " + namespace + " at "
                + client.getMasterUrl();
    }

    /**
     * Connects and checks, without writing, that the namespace exists (when the credentials may read
     * it; a 403 on the namespace itself is no answer and is not an error).
     */
    static KubernetesStore open(BackendSettings s, BackendConfig config, Path serviceAccountDir,
            StoreClient.Options options) throws StateException {
        StoreClient.Connected c = StoreClient.connect(s, config, serviceAccountDir, options);
        KubernetesStore store = new KubernetesStore(c.client(), c.counter(), c.retrier(), s);
        try {
            if (c.retrier().run("get namespace " + s.namespace(), new Retrier.Attempts(),
                    () -> c.client().namespaces().withName(s.namespace()).get()) == null) {
                store.close();
                throw new StateException(store.describe + ": namespace \"" + s.namespace() + "\" does not exist. "
                        + "Create it (kubectl create namespace " + s.namespace() + ") or set namespace in the backend "
                        + "block.");
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                store.close();
                throw StoreErrors.of(store.describe + " (connected via " + c.source() + ")", s.namespace(),
                        new Call("get", "namespaces", s.namespace()), e);
            }
        }
        return store;
    }

    @Override
    public String describe() {
        return describe;
    }

    /** Requests sent so far, by method and path template (every attempt, retries included). */
    Map<String, Long> requestCounts() {
        return counter.snapshot();
    }

    @Override
    public int maxBlobBytes() {
        return MAX_BLOB_BYTES;
    }

    String secretName(String blob) {
        return "lockstep-" + suffix + "-" + blob;
    }

    String pointerName() {
        return "lockstep-state-" + suffix;
    }

    String leaseName() {
        return "lockstep-lock-" + suffix;
    }

    Map<String, String> labels(String kind) {
        Map<String, String> l = new TreeMap<>(userLabels);
        l.put(STATE_LABEL, suffix);
        l.put(KIND_LABEL, kind);
        return l;
    }

    private static String kindOf(String blob) {
        return blob.substring(0, blob.indexOf('.'));
    }

    private void checkBlobName(String blob) throws StateException {
        if (blob.length() > 120 || !BLOB_NAME.matcher(blob).matches()) {
            throw new StateException(describe + ": \"" + blob + "\" is not a blob name (a kind of lower-case letters "
                    + "and digits, a dot, then lower-case letters, digits, dots and dashes; at most 120 characters)");
        }
    }

    StateException failure(Call call, KubernetesClientException e) {
        return StoreErrors.of(describe, namespace, call, e);
    }

    @Override
    public void createBlob(String name, byte[] data) throws StateException {
        checkBlobName(name);
        if (data.length > MAX_BLOB_BYTES) {
            throw new StateException(describe + ": blob " + name + " is " + data.length + " bytes, over the "
                    + MAX_BLOB_BYTES + " bytes one Secret holds here; nothing was written");
        }
        Secret s = new SecretBuilder().withNewMetadata().withName(secretName(name)).withLabels(labels(kindOf(name)))
                .endMetadata().withType(TYPE).withImmutable(true)
                .withData(Map.of(DATA_KEY, Base64.getEncoder().encodeToString(data))).build();
        Call call = new Call("create", "secrets", secretName(name));
        Retrier.Attempts attempts = new Retrier.Attempts();
        try {
            retrier.run(call.what(), attempts, () -> client.secrets().inNamespace(namespace).resource(s).create());
        } catch (KubernetesClientException e) {
            if (!StoreErrors.alreadyExists(e)) {
                throw failure(call, e);
            }
            // an earlier attempt whose answer was lost may have stored it: equal bytes are that attempt
            Optional<byte[]> stored = attempts.uncertain() ? readBlob(name) : Optional.empty();
            if (stored.isPresent() && Arrays.equals(stored.get(), data)) {
                return;
            }
            throw new ConflictException(describe + ": blob " + name + " exists already (Secret " + secretName(name)
                    + ")" + (attempts.uncertain() ? " with other content" : ""));
        }
    }

    @Override
    public Optional<byte[]> readBlob(String name) throws StateException {
        checkBlobName(name);
        Secret s = get(secretName(name));
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(content(s, name));
    }

    private Secret get(String secret) throws StateException {
        try {
            Secret s = retrier.run("get secrets " + secret, new Retrier.Attempts(),
                    () -> client.secrets().inNamespace(namespace).withName(secret).get());
            if (s != null) {
                checkOurs(s, secret);
            }
            return s;
        } catch (KubernetesClientException e) {
            throw failure(new Call("get", "secrets", secret), e);
        }
    }

    private void checkOurs(Secret s, String secret) throws StateException {
        Map<String, String> l = s.getMetadata().getLabels();
        if (!TYPE.equals(s.getType()) || l == null || !suffix.equals(l.get(STATE_LABEL))) {
            throw new StateException(describe + ": Secret " + secret + " exists but was not written by lockstep for "
                    + "secret_suffix \"" + suffix + "\" (its type is " + s.getType() + "); choose another secret_suffix "
                    + "or namespace");
        }
    }

    private byte[] content(Secret s, String blob) throws StateException {
        String b64 = s.getData() == null ? null : s.getData().get(DATA_KEY);
        if (b64 == null) {
            throw new StateException(describe + ": Secret " + s.getMetadata().getName() + " (blob " + blob + ") has no "
                    + "data key \"" + DATA_KEY + "\"");
        }
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new StateException(describe + ": Secret " + s.getMetadata().getName() + " (blob " + blob + ") holds "
                    + "data that is not base64");
        }
    }

    @Override
    public Map<String, byte[]> listBlobs(String prefix) throws StateException {
        int dot = prefix.indexOf('.');
        if (dot <= 0) {
            throw new StateException(describe + ": a blob prefix starts with a kind and a dot, not \"" + prefix + "\"");
        }
        String kind = prefix.substring(0, dot);
        String selector = STATE_LABEL + "=" + suffix + "," + KIND_LABEL + "=" + kind;
        String namePrefix = secretName(prefix);
        Map<String, byte[]> out = new HashMap<>();
        Call call = new Call("list", "secrets", null);
        for (int attempt = 0;; attempt++) {
            out.clear();
            String token = null;
            try {
                do {
                    String from = token;
                    SecretList page = retrier.run("list secrets " + selector, new Retrier.Attempts(),
                            () -> client.secrets().inNamespace(namespace).list(new ListOptionsBuilder()
                                    .withLabelSelector(selector).withLimit((long) LIST_PAGE).withContinue(from).build()));
                    for (Secret s : page.getItems()) {
                        String n = s.getMetadata().getName();
                        if (n.startsWith(namePrefix) && TYPE.equals(s.getType())) {
                            String blob = n.substring(secretName("").length());
                            out.put(blob, content(s, blob));
                        }
                    }
                    token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
                } while (token != null && !token.isEmpty());
                return out;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 410 || attempt > 0) {
                    throw failure(call, e);
                }
                // the continue token expired (410 Gone): list again from the start, once
            }
        }
    }

    @Override
    public void deleteBlob(String name) throws StateException {
        checkBlobName(name);
        try {
            retrier.run("delete secrets " + secretName(name), new Retrier.Attempts(),
                    () -> client.secrets().inNamespace(namespace).withName(secretName(name)).delete());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw failure(new Call("delete", "secrets", secretName(name)), e);
            }
        }
    }

    @Override
    public Optional<Versioned> readPointer() throws StateException {
        Secret s = get(pointerName());
        return s == null ? Optional.empty() : Optional.of(new Versioned(fields(s), s.getMetadata().getResourceVersion()));
    }

    private Map<String, String> fields(Secret s) throws StateException {
        Map<String, String> f = new LinkedHashMap<>();
        if (s.getData() != null) {
            for (Map.Entry<String, String> e : s.getData().entrySet()) {
                try {
                    f.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException ex) {
                    throw new StateException(describe + ": the pointer " + pointerName() + " holds field \""
                            + e.getKey() + "\" that is not base64");
                }
            }
        }
        return f;
    }

    @Override
    public String writePointer(Map<String, String> fields, String expectedVersion) throws StateException {
        Map<String, String> data = new TreeMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!FIELD_KEY.matcher(e.getKey()).matches() || e.getKey().length() > 253) {
                throw new StateException(describe + ": pointer field \"" + e.getKey() + "\" is not a Secret data key "
                        + "(letters, digits, '-', '_' and '.')");
            }
            data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        Secret s = new SecretBuilder().withNewMetadata().withName(pointerName()).withLabels(labels("pointer"))
                .withResourceVersion(expectedVersion).endMetadata().withType(TYPE).withData(data).build();
        boolean create = expectedVersion == null;
        Call call = new Call(create ? "create" : "update", "secrets", pointerName());
        Retrier.Attempts attempts = new Retrier.Attempts();
        try {
            Secret written = retrier.run(call.what(), attempts, () -> create
                    ? client.secrets().inNamespace(namespace).resource(s).create()
                    : client.secrets().inNamespace(namespace).resource(s).update());
            return written.getMetadata().getResourceVersion();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && !create && !StoreErrors.namespaceMissing(e.getStatus())) {
                throw new ConflictException(describe + ": the pointer " + pointerName() + " is gone (expected version "
                        + expectedVersion + ")");
            }
            if (e.getCode() != 409) {
                throw failure(call, e);
            }
            // after a lost answer, the 409 may be this very write's earlier attempt: then what is
            // stored is exactly these fields
            Optional<Versioned> now = readPointer();
            if (attempts.uncertain() && now.isPresent() && now.get().fields().equals(Map.copyOf(fields))) {
                return now.get().version();
            }
            throw new ConflictException(describe + ": the pointer " + pointerName() + " is at version "
                    + now.map(Versioned::version).orElse("(none)") + ", not " + (create ? "absent" : expectedVersion));
        }
    }

    @Override
    public LeaseStore lease() {
        return new KubernetesLeaseStore(client, retrier, namespace, leaseName(), labels("lock"), describe,
                this::failure);
    }

    @Override
    public void close() {
        client.close();
    }
}
