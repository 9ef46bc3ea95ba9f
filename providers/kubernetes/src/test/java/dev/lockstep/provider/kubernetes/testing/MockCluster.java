package dev.lockstep.provider.kubernetes.testing;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.KubernetesProviderFactory;
import dev.lockstep.provider.kubernetes.schema.ProviderConfigSchema;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's KubernetesMockServer in CRUD mode (expectations, when set, answer first), behind a
 * dispatcher that adds LIST pagination and records requests; opens the provider against it the
 * way the sandbox does, and offers a fabric8 client for out-of-band changes.
 */
public final class MockCluster implements AutoCloseable {

    public final KubernetesMockServer server;
    public final PagingDispatcher dispatcher;
    public final KubernetesClient client;
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());

    public MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        dispatcher = new PagingDispatcher(new KubernetesMixedDispatcher(responses), responses);
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                dispatcher, false);
        server.start();
        client = server.createClient();
    }

    /** The API server URL. */
    public String url() {
        return server.url("/").replaceAll("/$", "");
    }

    /** Opens the provider with the given provider-block HCL (for example {@code list_page_size = 7}). */
    public Provider open(String providerBlock) {
        OpenResult r = openResult(providerBlock, Map.of("host", url()));
        if (r.provider() == null) {
            throw new AssertionError("provider did not open: " + r.diagnostics());
        }
        return r.provider();
    }

    /** Opens the provider with the default settings (fast retries for tests). */
    public Provider open() {
        return open("retry_interval = \"20ms\"\ndelete_timeout = \"3s\"");
    }

    /** Opens the provider without asserting success. */
    public OpenResult openResult(String providerBlock, Map<String, String> sandbox) {
        Value settings = Hcl.body(ProviderConfigSchema.schema(), providerBlock, new Diagnostics());
        ProviderLog pl = new RecordingLog(log);
        return new KubernetesProviderFactory().open(new ProviderConfig("kubernetes", null, settings, Map.of(),
                Path.of("."), Path.of(".lockstep"), sandbox, pl));
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
