package dev.lockstep.provider.kubernetes.kind;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The label and annotation lockstep puts on every object it writes, and the rule for which label
 * and annotation keys an import takes over.
 */
public final class LockstepKeys {

    /** Label key marking objects lockstep manages; refresh lists by it. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The value of {@link #MANAGED_BY}. */
    public static final String LOCKSTEP = "lockstep";
    /** The label selector of lockstep's objects. */
    public static final String SELECTOR = MANAGED_BY + "=" + LOCKSTEP;
    /** Annotation holding the lockstep address of the object ({@code kubernetes_role.reader}). */
    public static final String ADDRESS = "lockstep.dev/address";
    /**
     * Annotation on a secret listing the data keys that came from {@code binary_data}, so that a
     * refresh puts them back there even though the recorded state holds no secret values.
     */
    public static final String BINARY_KEYS = "lockstep.dev/binary-data-keys";

    private LockstepKeys() {
    }

    /** Whether a key is lockstep's own; such keys are written on every apply and never shown in state. */
    public static boolean isOwn(String key) {
        return key.equals(MANAGED_BY) || key.equals(ADDRESS) || key.equals(BINARY_KEYS);
    }

    /**
     * Keys the server and controllers maintain ({@code kubernetes.io/metadata.name},
     * {@code kubectl.kubernetes.io/last-applied-configuration}...), following the Terraform
     * provider's rule: a key whose prefix is, or ends with, kubernetes.io or k8s.io, except the
     * user-facing {@code app.kubernetes.io} and {@code service.beta.kubernetes.io} prefixes.
     */
    public static boolean isInternal(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String prefix = key.substring(0, slash);
        if (prefix.equals("app.kubernetes.io") || prefix.equals("service.beta.kubernetes.io")) {
            return false;
        }
        return prefix.endsWith("kubernetes.io") || prefix.endsWith("k8s.io");
    }

    /**
     * The keep-rule for label and annotation keys of an imported object: lockstep's own, internal
     * and ignored keys are left out of the state (and so never managed).
     */
    public static BiPredicate<String, String> importFilter(List<Pattern> ignoreLabels, List<Pattern> ignoreAnnotations) {
        return (path, key) -> {
            if (isOwn(key) || isInternal(key)) {
                return false;
            }
            List<Pattern> ignore = path.endsWith("labels") ? ignoreLabels : ignoreAnnotations;
            for (Pattern p : ignore) {
                if (p.matcher(key).matches()) {
                    return false;
                }
            }
            return true;
        };
    }
}
