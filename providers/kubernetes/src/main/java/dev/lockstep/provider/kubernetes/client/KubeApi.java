package dev.lockstep.provider.kubernetes.client;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider's only door to the cluster: list (paginated), get, create, merge-patch and delete
 * of any kind through the fabric8 client's generic-resource API, with objects as plain JSON maps.
 * Client failures become {@link ApiException}s that carry the status and the server's message,
 * never a request body.
 */
public final class KubeApi implements AutoCloseable {

    private final KubernetesClient client;
    private final KubernetesSerialization json;
    private final int pageSize;
    private final Map<String, List<APIResource>> discovery = new ConcurrentHashMap<>();
    private final java.util.concurrent.Semaphore reads = new java.util.concurrent.Semaphore(MAX_CONCURRENT_READS);

    /** The most batched reads (a LIST with its pages, or a GET) in flight at once, across every handler. */
    public static final int MAX_CONCURRENT_READS = 10;

    public KubeApi(KubernetesClient client, int pageSize) {
        this.client = client;
        this.json = client.getKubernetesSerialization();
        this.pageSize = pageSize;
    }

    /**
     * Runs one batched read while holding one of the {@link #MAX_CONCURRENT_READS} read slots this
     * provider instance shares between its handlers, so that refreshing many kinds and namespaces
     * at once never has more reads in flight than that.
     */
    public <T> T reading(java.util.function.Supplier<T> read) {
        try {
            reads.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read", e);
        }
        try {
            return read.get();
        } finally {
            reads.release();
        }
    }

    /** The API server's URL. */
    public String server() {
        return String.valueOf(client.getMasterUrl());
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> op(ResourceType t) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder()
                .withGroup(t.group())
                .withVersion(t.version())
                .withKind(t.kind())
                .withPlural(t.plural())
                .withNamespaced(t.namespaced())
                .build();
        return client.genericKubernetesResources(ctx);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> in(ResourceType t, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                Resource<GenericKubernetesResource>> op = op(t);
        return t.namespaced() ? op.inNamespace(namespace) : op;
    }

    /**
     * Every object of a kind in one namespace matching the selectors (either may be null), read in
     * pages of the configured size. An expired continue token restarts the list once.
     */
    public List<Map<String, Object>> list(ResourceType t, String namespace, String labelSelector,
            String fieldSelector) {
        return call(() -> {
            for (int attempt = 0;; attempt++) {
                List<Map<String, Object>> out = new ArrayList<>();
                String token = null;
                try {
                    do {
                        ListOptions opts = new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token)
                                .withLabelSelector(labelSelector).withFieldSelector(fieldSelector).build();
                        GenericKubernetesResourceList page = in(t, namespace).list(opts);
                        for (GenericKubernetesResource r : page.getItems()) {
                            out.add(toMap(r));
                        }
                        token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
                    } while (token != null && !token.isEmpty());
                    return out;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 410 || attempt > 0) {
                        throw e;
                    }
                }
            }
        });
    }

    /** One object, or null when it does not exist. */
    public Map<String, Object> get(ResourceType t, String namespace, String name) {
        return call(() -> {
            GenericKubernetesResource r = in(t, namespace).withName(name).get();
            return r == null ? null : toMap(r);
        });
    }

    /** Creates an object and returns it as the server stored it. */
    public Map<String, Object> create(ResourceType t, String namespace, Map<String, Object> object) {
        return call(() -> toMap(in(t, namespace).resource(toResource(object)).create()));
    }

    /**
     * Applies a JSON merge patch. A {@code metadata.resourceVersion} in the patch makes the server
     * refuse it with 409 when the object changed since that version.
     */
    public Map<String, Object> patch(ResourceType t, String namespace, String name, Map<String, Object> patch,
            String fieldManager) {
        return call(() -> {
            PatchContext ctx = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                    .withFieldManager(fieldManager).build();
            return toMap(in(t, namespace).withName(name).patch(ctx, json.asJson(patch)));
        });
    }

    /** Deletes an object with the given propagation; false when it did not exist. */
    public boolean delete(ResourceType t, String namespace, String name, DeletionPropagation propagation) {
        return call(() -> !in(t, namespace).withName(name).withPropagationPolicy(propagation).delete().isEmpty());
    }

    /**
     * The kinds the server serves in a group version ({@code /apis/g/v}, {@code /api/v1}),
     * cached for the provider's life; empty when the group version is unknown.
     */
    public List<APIResource> apiResources(String apiVersion) {
        List<APIResource> cached = discovery.get(apiVersion);
        if (cached != null) {
            return cached;
        }
        List<APIResource> found = call(() -> {
            try {
                APIResourceList l = client.getApiResources(apiVersion);
                return l == null || l.getResources() == null ? List.<APIResource>of() : l.getResources();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return List.<APIResource>of();
                }
                throw e;
            }
        });
        if (!found.isEmpty()) {
            discovery.put(apiVersion, found);
        }
        return found;
    }

    /** Checks that the server answers, returning its version ("v1.29.3"). */
    public String version() {
        return call(() -> {
            io.fabric8.kubernetes.client.VersionInfo v = client.getVersion();
            return v == null ? "unknown" : v.getGitVersion();
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(GenericKubernetesResource r) {
        return r == null ? null : json.convertValue(r, Map.class);
    }

    private GenericKubernetesResource toResource(Map<String, Object> object) {
        return json.convertValue(object, GenericKubernetesResource.class);
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (KubernetesClientException e) {
            Status s = e.getStatus();
            String reason = s == null ? null : s.getReason();
            String message = s != null && s.getMessage() != null ? s.getMessage() : rootMessage(e);
            throw new ApiException(e.getCode(), reason, message);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public void close() {
        client.close();
    }
}
