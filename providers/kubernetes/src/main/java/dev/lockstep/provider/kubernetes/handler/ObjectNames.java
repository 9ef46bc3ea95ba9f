package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API server's rules for object and namespace names, checked before a name goes into a request
 * URL: an empty name would make the client fail ("Name must be provided") and a name with a slash
 * would address another path. Kinds whose names the API validates as DNS-1123 labels or subdomains
 * are held to that here, so the mistake is reported at plan time and points at the block; other
 * kinds (RBAC objects, custom resources) only need a name that fits in a URL path, and the server
 * judges the rest.
 */
public final class ObjectNames {

    /** One naming rule of the API server. */
    public enum Rule {
        DNS_LABEL("a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a "
                + "letter or digit"),
        DNS_SUBDOMAIN("a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and "
                + "ending with a letter or digit"),
        PATH_SEGMENT("usable in a URL path: not \".\" or \"..\", and without '/' or '%'");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        /** What a valid name looks like. */
        public String description() {
            return description;
        }
    }

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

    /** Built-in kinds ("group/Kind", "" for the core group) whose names must be DNS-1123 subdomains. */
    private static final Set<String> SUBDOMAIN_KINDS = Set.of("/ConfigMap", "/LimitRange", "/ResourceQuota",
            "/Secret", "/ServiceAccount", "networking.k8s.io/Ingress", "networking.k8s.io/NetworkPolicy");

    private ObjectNames() {
    }

    /** The rule the API server applies to names of objects of type {@code t}. */
    public static Rule ruleFor(ResourceType t) {
        if (t.group().isEmpty() && t.kind().equals("Namespace")) {
            return Rule.DNS_LABEL;
        }
        return SUBDOMAIN_KINDS.contains(t.group() + "/" + t.kind()) ? Rule.DNS_SUBDOMAIN : Rule.PATH_SEGMENT;
    }

    /** Why {@code name} breaks {@code rule}, or null when it does not; {@code name} is not null or empty. */
    static String violation(Rule rule, String name) {
        return switch (rule) {
            case DNS_LABEL -> name.length() <= 63 && DNS_LABEL.matcher(name).matches() ? null : rule.description();
            case DNS_SUBDOMAIN -> name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches() ? null
                    : rule.description();
            case PATH_SEGMENT -> name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")
                    ? rule.description() : null;
        };
    }

    /**
     * An error when {@code name} cannot name an object of type {@code t}, else null.
     *
     * @param attribute where the name is written, for the message ({@code metadata[0].name})
     * @param name the name; null or empty is an error
     * @param sensitive whether the name is a sensitive value (then it is not repeated in the message)
     * @param hint appended to the detail when the name is empty; may be empty
     */
    public static Diagnostic checkName(ResourceType t, String attribute, String name, boolean sensitive, String hint) {
        if (name == null || name.isEmpty()) {
            return Diagnostic.error("Invalid object name", attribute + " is " + (name == null ? "not set" : "empty")
                    + ": a " + t.kind() + " needs a name." + (hint.isEmpty() ? "" : " " + hint), null);
        }
        String why = violation(ruleFor(t), name);
        return why == null ? null : Diagnostic.error("Invalid object name", attribute + " " + shown(name, sensitive)
                + " is not a valid " + t.kind() + " name: it must be " + why + ".", null);
    }

    /** An error when {@code namespace} (not null) is not a valid namespace name, else null. */
    public static Diagnostic checkNamespace(String attribute, String namespace, boolean sensitive) {
        if (namespace.isEmpty()) {
            return Diagnostic.error("Invalid namespace", attribute + " is empty; leave it out for \"default\".", null);
        }
        String why = violation(Rule.DNS_LABEL, namespace);
        return why == null ? null : Diagnostic.error("Invalid namespace", attribute + " " + shown(namespace, sensitive)
                + " is not a valid namespace name: it must be " + why + ".", null);
    }

    private static String shown(String name, boolean sensitive) {
        return sensitive ? "(sensitive value)" : "\"" + name + "\"";
    }
}
