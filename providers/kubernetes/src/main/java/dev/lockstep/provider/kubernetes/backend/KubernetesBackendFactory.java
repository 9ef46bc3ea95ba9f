package dev.lockstep.provider.kubernetes.backend;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_LIST;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.body;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.required;
import static dev.lockstep.api.schema.SchemaBuilder.single;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import dev.lockstep.state.remote.BackendFactory;
import dev.lockstep.state.remote.RemoteStore;
import java.nio.file.Path;

/**
 * {@code backend "kubernetes"}: shared state in Secrets and a Lease of one namespace, with the
 * arguments of Terraform's kubernetes backend. The schema needs no client class; fabric8 is loaded
 * only by {@link #open}. The layout, labels and RBAC are in {@code docs/backend-kubernetes.md}.
 */
public final class KubernetesBackendFactory implements BackendFactory {

    static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    @Override
    public void check(Value settings, java.util.Map<String, String> environment) throws StateException {
        BackendSettings.of(settings, environment);
    }

    @Override
    public String type() {
        return "kubernetes";
    }

    @Override
    public BlockSchema schema() {
        BlockSchema exec = body()
                .add(required("api_version", Type.STRING, "client.authentication.k8s.io/v1beta1 or v1."))
                .add(optional("args", STRING_LIST, "Arguments of the credential plugin."))
                .add(required("command", Type.STRING, "The credential plugin to run."))
                .add(optional("env", STRING_MAP, "Environment of the credential plugin."))
                .build();
        return body()
                .add(required("secret_suffix", Type.STRING, "Names the state's objects: Secrets lockstep-<suffix>-*, "
                        + "the pointer Secret lockstep-state-<suffix> and the Lease lockstep-lock-<suffix>."))
                .add(optional("namespace", Type.STRING, "Namespace of the state's objects (default \"default\", or "
                        + "KUBE_NAMESPACE)."))
                .add(optional("labels", STRING_MAP, "Labels added to every object of the state."))
                .add(optional("in_cluster_config", Type.BOOL, "Use the pod's service account (or "
                        + "KUBE_IN_CLUSTER_CONFIG)."))
                .add(optional("load_config_file", Type.BOOL, "Read a kubeconfig when no host is set; only true "
                        + "is supported."))
                .add(optional("host", Type.STRING, "The API server URL, such as https://1.2.3.4:6443."))
                .add(optional("username", Type.STRING, "Basic-auth user name."))
                .add(optional("password", Type.STRING, "Basic-auth password.").asSensitive())
                .add(optional("insecure", Type.BOOL, "Skip verification of the server certificate."))
                .add(optional("client_certificate", Type.STRING, "PEM client certificate."))
                .add(optional("client_key", Type.STRING, "PEM client key.").asSensitive())
                .add(optional("cluster_ca_certificate", Type.STRING, "PEM certificate of the cluster's CA."))
                .add(optional("config_path", Type.STRING, "Path of a kubeconfig file."))
                .add(optional("config_paths", STRING_LIST, "Paths of kubeconfig files; the first that exists is "
                        + "used."))
                .add(optional("config_context", Type.STRING, "The kubeconfig context to use."))
                .add(optional("config_context_auth_info", Type.STRING, "The kubeconfig user to use instead of the "
                        + "context's."))
                .add(optional("config_context_cluster", Type.STRING, "The kubeconfig cluster to use instead of the "
                        + "context's."))
                .add(optional("token", Type.STRING, "Bearer token.").asSensitive())
                .add(optional("proxy_url", Type.STRING, "HTTP(S) proxy for requests to the API server."))
                .add(single("exec", exec))
                .build();
    }

    @Override
    public RemoteStore open(BackendConfig config) throws StateException {
        return open(config, SERVICE_ACCOUNT_DIR, StoreClient.Options.DEFAULT);
    }

    /** Opens with another service-account directory and client options (tests). */
    RemoteStore open(BackendConfig config, Path serviceAccountDir, StoreClient.Options options) throws StateException {
        BackendSettings settings = BackendSettings.of(config.settings(), config.environment());
        return KubernetesStore.open(settings, config, serviceAccountDir, options);
    }
}
