package dev.lockstep.provider.kubernetes.client;

/**
 * Where objects of one kind live in the API: {@code apiVersion}, {@code kind}, the plural used in
 * URLs and whether objects sit in a namespace.
 */
public record ResourceType(String apiVersion, String kind, String plural, boolean namespaced) {

    /** The API group, "" for the core group. */
    public String group() {
        int i = apiVersion.indexOf('/');
        return i < 0 ? "" : apiVersion.substring(0, i);
    }

    public String version() {
        int i = apiVersion.indexOf('/');
        return i < 0 ? apiVersion : apiVersion.substring(i + 1);
    }

    /** The collection path, such as {@code /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles}. */
    public String path(String namespace) {
        String prefix = group().isEmpty() ? "/api/" + version() : "/apis/" + apiVersion;
        return prefix + (namespaced ? "/namespaces/" + namespace : "") + "/" + plural;
    }

    /** {@code Role}, {@code team-a/reader}: how a user would name one object in a message. */
    public String describe(String namespace, String name) {
        return kind + " " + (namespaced && namespace != null ? namespace + "/" : "") + name;
    }
}
