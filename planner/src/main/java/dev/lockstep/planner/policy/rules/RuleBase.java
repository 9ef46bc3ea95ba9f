package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.BuiltinRule;
import dev.lockstep.planner.policy.Enforcement;
import dev.lockstep.planner.policy.RuleParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptive part shared by the built-in rules: id, title, rationale, fix, enforcement, types
 * and parameters, and helpers to declare them.
 */
abstract class RuleBase implements BuiltinRule {

    /** A rule's description. */
    record Info(String id, String title, String rationale, String fix, Enforcement enforcement, List<String> types,
            List<RuleParameter> parameters) {

        Info {
            types = List.copyOf(types);
            parameters = List.copyOf(parameters);
        }
    }

    private final Info info;

    RuleBase(Info info) {
        this.info = info;
    }

    @Override
    public final String id() {
        return info.id();
    }

    @Override
    public final String title() {
        return info.title();
    }

    @Override
    public final String rationale() {
        return info.rationale();
    }

    @Override
    public final String fix() {
        return info.fix();
    }

    @Override
    public final Enforcement defaultEnforcement() {
        return info.enforcement();
    }

    @Override
    public final List<String> resourceTypes() {
        return info.types();
    }

    @Override
    public final List<RuleParameter> parameters() {
        return info.parameters();
    }

    // ---------------------------------------------------------------- parameter helpers

    static RuleParameter strings(String name, String description, String... defaults) {
        List<Value> values = new ArrayList<>();
        for (String d : defaults) {
            values.add(Value.string(d));
        }
        return new RuleParameter(name, Type.list(Type.STRING), Value.list(Type.STRING, values), description);
    }

    static RuleParameter number(String name, String description, long defaultValue) {
        return new RuleParameter(name, Type.NUMBER, Value.number(defaultValue), description);
    }

    static RuleParameter string(String name, String description, String defaultValue) {
        return new RuleParameter(name, Type.STRING, Value.string(defaultValue), description);
    }

    /** The Kubernetes resource types named by their plain names, with their {@code _v1} aliases. */
    static List<String> kubernetesTypes(boolean manifest, String... plain) {
        List<String> out = new ArrayList<>();
        for (String p : plain) {
            out.add(p);
            out.add(p + "_v1");
        }
        if (manifest) {
            out.add(KubeObject.MANIFEST);
        }
        return out;
    }
}
