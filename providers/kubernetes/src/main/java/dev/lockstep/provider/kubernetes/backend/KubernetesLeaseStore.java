package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.provider.kubernetes.backend.StoreErrors.Call;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.ConflictException;
import dev.lockstep.state.remote.LeaseRecord;
import dev.lockstep.state.remote.LeaseStore;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The lock record of one state as the Lease {@code lockstep-lock-<suffix>} ({@link LeaseMapping}):
 * create, replace with {@code metadata.resourceVersion} as precondition, and delete with
 * {@code DeleteOptions.preconditions.resourceVersion}. A write whose answer was lost and whose retry
 * meets a 409 succeeds only if the stored record is exactly the one it wrote.
 */
final class KubernetesLeaseStore implements LeaseStore {

    private final KubernetesClient client;
    private final Retrier retrier;
    private final String namespace;
    private final String name;
    private final Map<String, String> labels;
    private final String where;
    private final BiFunction<Call, KubernetesClientException, StateException> failure;

    KubernetesLeaseStore(KubernetesClient client, Retrier retrier, String namespace, String name, Map<String, String> labels,
            String store, BiFunction<Call, KubernetesClientException, StateException> failure) {
        this.client = client;
        this.retrier = retrier;
        this.namespace = namespace;
        this.name = name;
        this.labels = Map.copyOf(labels);
        this.where = store + ": Lease " + name;
        this.failure = failure;
    }

    private static final String LEASES = "leases.coordination.k8s.io";

    @Override
    public Optional<LeaseRecord> read() throws StateException {
        Lease l;
        try {
            l = retrier.run("get " + LEASES + " " + name, new Retrier.Attempts(),
                    () -> client.leases().inNamespace(namespace).withName(name).get());
        } catch (KubernetesClientException e) {
            throw failure.apply(new Call("get", LEASES, name), e);
        }
        return l == null ? Optional.empty() : Optional.of(LeaseMapping.fromLease(l, where));
    }

    @Override
    public String write(LeaseRecord lease, String expectedVersion) throws StateException {
        boolean create = expectedVersion == null;
        Lease l = LeaseMapping.toLease(lease, name, labels, expectedVersion);
        Call call = new Call(create ? "create" : "update", LEASES, name);
        Retrier.Attempts attempts = new Retrier.Attempts();
        try {
            Lease written = retrier.run(call.what(), attempts, () -> create
                    ? client.leases().inNamespace(namespace).resource(l).create()
                    : client.leases().inNamespace(namespace).resource(l).update());
            return written.getMetadata().getResourceVersion();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && !create && !StoreErrors.namespaceMissing(e.getStatus())) {
                throw new ConflictException(where + " is gone (expected version " + expectedVersion + ")");
            }
            if (e.getCode() != 409) {
                throw failure.apply(call, e);
            }
            // after a lost answer, the 409 may be this very write's earlier attempt: then the stored
            // record is exactly this one
            Optional<LeaseRecord> now = read();
            LeaseRecord mine = LeaseMapping.stored(lease);
            if (attempts.uncertain() && now.isPresent() && now.get().withVersion(null).equals(mine)) {
                return now.get().version();
            }
            throw new ConflictException(where + " is at version " + now.map(LeaseRecord::version).orElse("(none)")
                    + ", not " + (create ? "absent" : expectedVersion)
                    + now.map(r -> " (held by " + r.info().describe() + ")").orElse(""));
        }
    }

    @Override
    public void delete(String expectedVersion) throws StateException {
        if (expectedVersion == null) {
            Optional<LeaseRecord> now = read();
            if (now.isPresent()) {
                throw new ConflictException(where + " exists (version " + now.get().version() + ")");
            }
            return;
        }
        try {
            retrier.run("delete " + LEASES + " " + name, new Retrier.Attempts(),
                    () -> client.leases().inNamespace(namespace).withName(name).lockResourceVersion(expectedVersion)
                            .delete());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            if (e.getCode() == 409) {
                throw new ConflictException(where + " changed since version " + expectedVersion + "; not deleted");
            }
            throw failure.apply(new Call("delete", LEASES, name), e);
        }
    }
}
