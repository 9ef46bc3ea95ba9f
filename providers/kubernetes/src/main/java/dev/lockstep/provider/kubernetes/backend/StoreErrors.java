package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.state.backend.StateException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns a failed API call into the message a user can act on: a 403 names the verb and resource
 * the credentials lack and points at the Role in {@code docs/backend-kubernetes.md}; a missing
 * namespace says so; a 401 says the credentials were rejected; no answer says the API is
 * unreachable. Only the server's Status message is quoted (it never carries object data); request
 * bodies, and so blob content, never are.
 */
final class StoreErrors {

    static final String RBAC_DOC = "docs/backend-kubernetes.md";

    private StoreErrors() {
    }

    /** One API call: its verb, resource (plural, with group when not core) and object name. */
    record Call(String verb, String resource, String name) {
        String what() {
            return verb + " " + resource + (name == null ? "" : " \"" + name + "\"");
        }
    }

    static StateException of(String store, String namespace, Call call, KubernetesClientException e) {
        int code = e.getCode();
        Status s = e.getStatus();
        String serverMessage = s != null && s.getMessage() != null ? s.getMessage() : rootMessage(e);
        String prefix = store + ": " + call.what() + " failed: ";
        if (code == 403) {
            String group = call.resource().contains(".") ? call.resource().substring(call.resource().indexOf('.') + 1) : "";
            String plural = call.resource().contains(".") ? call.resource().substring(0, call.resource().indexOf('.'))
                    : call.resource();
            return new StateException(prefix + "the API server refused it (HTTP 403 Forbidden: " + serverMessage + "). "
                    + "The credentials need the verb \"" + call.verb() + "\" on \"" + plural + "\" (apiGroup \""
                    + group + "\") in namespace " + namespace + "; " + RBAC_DOC + " has the Roles to grant.");
        }
        if (code == 404 && namespaceMissing(s)) {
            return new StateException(prefix + "namespace \"" + namespace + "\" does not exist. Create it (kubectl "
                    + "create namespace " + namespace + ") or set namespace in the backend block.");
        }
        if (code == 401) {
            return new StateException(prefix + "the API server rejected the credentials (HTTP 401 Unauthorized). "
                    + "Check the token, client certificate or kubeconfig user the backend uses.");
        }
        if (code <= 0) {
            return new StateException(prefix + "no answer from the Kubernetes API (" + rootMessage(e) + ").");
        }
        if (code == 429) {
            return new StateException(prefix + serverMessage);
        }
        String reason = s == null || s.getReason() == null ? "" : " " + s.getReason();
        return new StateException(prefix + "HTTP " + code + reason + ": " + serverMessage);
    }

    /** True for the 404 a namespaced create answers when its namespace does not exist. */
    static boolean namespaceMissing(Status s) {
        return s != null && s.getDetails() != null && "namespaces".equals(s.getDetails().getKind());
    }

    static boolean alreadyExists(KubernetesClientException e) {
        Status s = e.getStatus();
        return e.getCode() == 409 && s != null && "AlreadyExists".equals(s.getReason());
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
