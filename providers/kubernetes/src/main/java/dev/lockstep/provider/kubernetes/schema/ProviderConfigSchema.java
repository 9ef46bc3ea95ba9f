package dev.lockstep.provider.kubernetes.schema;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_LIST;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.body;
import static dev.lockstep.api.schema.SchemaBuilder.one;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.required;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Type;

/**
 * The {@code provider "kubernetes"} block: the Terraform provider's connection settings plus a few
 * lockstep settings (page size, retries, delete wait).
 */
public final class ProviderConfigSchema {

    private ProviderConfigSchema() {
    }

    public static BlockSchema schema() {
        BlockSchema exec = body()
                .add(required("api_version", Type.STRING, "client.authentication.k8s.io/v1beta1 or v1."))
                .add(optional("args", STRING_LIST, "Arguments of the credential plugin."))
                .add(required("command", Type.STRING, "The credential plugin to run."))
                .add(optional("env", STRING_MAP, "Environment of the credential plugin."))
                .build();
        return body()
                .add(optional("client_certificate", Type.STRING, "PEM client certificate."))
                .add(optional("client_key", Type.STRING, "PEM client key.").asSensitive())
                .add(optional("cluster_ca_certificate", Type.STRING, "PEM certificate of the cluster's CA."))
                .add(optional("config_context", Type.STRING, "The kubeconfig context to use."))
                .add(optional("config_context_auth_info", Type.STRING, "The kubeconfig user to use instead of the "
                        + "context's."))
                .add(optional("config_context_cluster", Type.STRING, "The kubeconfig cluster to use instead of the "
                        + "context's."))
                .add(optional("config_path", Type.STRING, "Path of a kubeconfig file."))
                .add(optional("config_paths", STRING_LIST, "Paths of kubeconfig files; the first that exists is "
                        + "used."))
                .add(optional("delete_timeout", Type.STRING, "How long a delete waits for finalizers (default "
                        + "\"2m\"; lockstep extension)."))
                .add(optional("host", Type.STRING, "The API server URL, such as https://1.2.3.4:6443."))
                .add(optional("ignore_annotations", STRING_LIST, "Regular expressions of annotation keys never "
                        + "taken over on import."))
                .add(optional("ignore_labels", STRING_LIST, "Regular expressions of label keys never taken over on "
                        + "import."))
                .add(optional("insecure", Type.BOOL, "Skip verification of the server certificate."))
                .add(optional("list_page_size", Type.NUMBER, "Objects per LIST page during refresh (default 500; "
                        + "lockstep extension)."))
                .add(optional("max_retries", Type.NUMBER, "Retries of a request answered 5xx or not answered "
                        + "(default 5; lockstep extension). Throttled requests (429) are bounded by retry_timeout."))
                .add(optional("password", Type.STRING, "Basic-auth password.").asSensitive())
                .add(optional("proxy_url", Type.STRING, "HTTP(S) proxy for requests to the API server."))
                .add(optional("retry_interval", Type.STRING, "First back-off between retries, doubled each time "
                        + "(default \"500ms\"; lockstep extension)."))
                .add(optional("retry_timeout", Type.STRING, "How long one request may keep being retried, "
                        + "honouring Retry-After while the API server throttles it (default \"60s\"; lockstep "
                        + "extension)."))
                .add(optional("tls_server_name", Type.STRING, "Server name to verify the certificate against."))
                .add(optional("token", Type.STRING, "Bearer token.").asSensitive())
                .add(optional("username", Type.STRING, "Basic-auth user name."))
                .add(one("exec", exec, false))
                .build();
    }
}
