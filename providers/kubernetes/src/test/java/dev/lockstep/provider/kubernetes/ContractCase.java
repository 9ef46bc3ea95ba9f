package dev.lockstep.provider.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.function.Consumer;

/**
 * The inputs of one type's contract test.
 *
 * @param type the resource type
 * @param apiVersion and {@code kind}: where the test finds the object with its own client
 * @param kind the Kubernetes kind
 * @param namespace the object's namespace (null for cluster-scoped kinds)
 * @param name the object's name in v1 and v2
 * @param v1 first configuration (sets label team = "a")
 * @param v2 an in-place update that also adds annotation owner = "x"
 * @param v3 a change that forces replacement
 * @param replacePath the path the plan must name for v3
 * @param newName the object's name after v3
 * @param drift a kind-specific out-of-band change to a field v1 sets, which the next plan must revert
 * @param importId the id that imports the v1 object
 */
record ContractCase(String type, String apiVersion, String kind, String namespace, String name, String v1, String v2,
        String v3, String replacePath, String newName, Consumer<GenericKubernetesResource> drift, String importId) {

    @Override
    public String toString() {
        return type;
    }
}
