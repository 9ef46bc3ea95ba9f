package dev.lockstep.sandbox.kubernetes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Kubernetes API request path taken apart: group, version, namespace, resource (plural), name
 * and subresource; and its accounting template with namespace and name abstracted, e.g. {@code
 * /apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/roles/{name}}. Paths that address no
 * resource (discovery, {@code /version}) keep their literal path as template.
 */
record ApiPath(String group, String version, String namespace, String resource, String name, String subresource,
        String template) {

    /** Parses a path without its query. */
    static ApiPath parse(String path) {
        List<String> seg = new ArrayList<>(Arrays.asList(path.split("/")));
        seg.removeIf(String::isEmpty);
        String prefix;
        int i;
        String group;
        if (seg.size() >= 2 && seg.get(0).equals("api")) {
            group = "";
            prefix = "/api/" + seg.get(1);
            i = 2;
        } else if (seg.size() >= 3 && seg.get(0).equals("apis")) {
            group = seg.get(1);
            prefix = "/apis/" + group + "/" + seg.get(2);
            i = 3;
        } else {
            return new ApiPath(null, null, null, null, null, null, path.isEmpty() ? "/" : path);
        }
        String version = seg.get(i - 1);
        List<String> rest = seg.subList(i, seg.size());
        if (rest.isEmpty()) {
            return new ApiPath(group, version, null, null, null, null, prefix);
        }
        String namespace = null;
        boolean namespaceObject = rest.get(0).equals("namespaces")
                && (rest.size() <= 2 || rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize")));
        if (rest.get(0).equals("namespaces") && !namespaceObject) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String sub = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : null;
        StringBuilder t = new StringBuilder(prefix);
        if (namespace != null) {
            t.append("/namespaces/{namespace}");
        }
        t.append('/').append(resource);
        if (name != null) {
            t.append("/{name}");
        }
        if (sub != null) {
            t.append('/').append(sub);
        }
        return new ApiPath(group, version, namespace, resource, name, sub, t.toString());
    }

    /** True when the path addresses a resource collection or object (not discovery). */
    boolean isResource() {
        return resource != null;
    }

    /** True for a collection (list) path. */
    boolean isCollection() {
        return resource != null && name == null;
    }

    /** {@code v1} or {@code group/version}. */
    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
