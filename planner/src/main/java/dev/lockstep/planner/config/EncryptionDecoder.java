package dev.lockstep.planner.config;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.SchemaBuilder;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.hcl.ast.ScopeTraversalExpr;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.schema.BodyDecoder;
import dev.lockstep.state.crypto.KeyProviderFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decodes and checks the {@code encryption} block ({@link EncryptionSettings}). The block is read
 * before variables, by every command that touches the state, so the only references it may hold
 * are {@code var.NAME} in key provider arguments, whose values come from the environment
 * ({@code LOCKSTEP_VAR_NAME}, then {@code TF_VAR_NAME}), and the {@code key_provider.T.L} and
 * {@code method.T.L} references that wire the block together.
 */
final class EncryptionDecoder {

    /** The built-in key provider's arguments, with OpenTofu's names. */
    static final BlockSchema PBKDF2 = SchemaBuilder.block(
            SchemaBuilder.required("passphrase", Type.STRING, "At least 16 characters; usually var.NAME."),
            SchemaBuilder.optional("key_length", Type.NUMBER, "Bytes of key (32)."),
            SchemaBuilder.optional("iterations", Type.NUMBER, "PBKDF2 iterations (600000, at least 200000)."),
            SchemaBuilder.optional("hash_function", Type.STRING, "sha512 (default) or sha256."),
            SchemaBuilder.optional("salt_length", Type.NUMBER, "Bytes of salt (32)."));

    private final Diagnostics diags;
    private final Map<String, String> env;
    /** Every declared block, including those whose errors were already reported (no second error for a reference). */
    private final Set<String> broken = new java.util.HashSet<>();

    EncryptionDecoder(Diagnostics diags, Map<String, String> env) {
        this.diags = diags;
        this.env = env;
    }

    static Map<String, KeyProviderFactory> factories() {
        Map<String, KeyProviderFactory> m = new TreeMap<>();
        for (KeyProviderFactory f : ServiceLoader.load(KeyProviderFactory.class)) {
            m.put(f.type(), f);
        }
        return m;
    }

    EncryptionSettings decode(Block enc) {
        Map<String, EncryptionSettings.KeyProvider> providers = new LinkedHashMap<>();
        Map<String, EncryptionSettings.Method> methods = new LinkedHashMap<>();
        BodyReader.Content c = BodyReader.read(enc.body(), Set.of(), Set.of("key_provider", "method", "state", "plan"),
                Set.of(), enc.typeRange(), diags);
        for (Block b : c.blocks()) {
            if (b.type().equals("key_provider") && BodyReader.labels(b, 2, "a type and a name", diags)) {
                broken.add("key_provider." + b.label(0) + "." + b.label(1));
                EncryptionSettings.KeyProvider kp = keyProvider(b);
                if (kp != null && providers.putIfAbsent(kp.name(), kp) != null) {
                    diags.error("Duplicate key provider", "key_provider." + kp.name() + " is declared twice.", b.headerRange());
                }
            }
        }
        for (Block b : c.blocks()) {
            if (b.type().equals("method") && BodyReader.labels(b, 2, "a type and a name", diags)) {
                broken.add("method." + b.label(0) + "." + b.label(1));
                EncryptionSettings.Method m = method(b, providers);
                if (m != null && methods.putIfAbsent(m.name(), m) != null) {
                    diags.error("Duplicate method", "method." + m.name() + " is declared twice.", b.headerRange());
                }
            }
        }
        EncryptionSettings.Target state = null;
        EncryptionSettings.Target plan = null;
        for (Block b : c.blocks()) {
            if ((b.type().equals("state") || b.type().equals("plan")) && BodyReader.labels(b, 0, "", diags)) {
                EncryptionSettings.Target t = target(b, methods);
                if (b.type().equals("state")) {
                    state = dup(state, b, t);
                } else {
                    plan = dup(plan, b, t);
                }
            }
        }
        return new EncryptionSettings(providers, methods, state, plan);
    }

    private EncryptionSettings.Target dup(EncryptionSettings.Target previous, Block b, EncryptionSettings.Target t) {
        if (previous != null) {
            diags.error("Duplicate " + b.type() + " block", "The encryption block has one " + b.type() + " block.",
                    b.typeRange());
            return previous;
        }
        return t;
    }

    private EncryptionSettings.KeyProvider keyProvider(Block b) {
        String type = b.label(0);
        BlockSchema schema;
        if (type.equals("pbkdf2")) {
            schema = PBKDF2;
        } else {
            KeyProviderFactory f = factories().get(type);
            if (f == null) {
                diags.error("Unsupported key provider", "lockstep's key providers are \"pbkdf2\""
                        + String.join("", factories().keySet().stream().map(k -> ", \"" + k + "\"").toList())
                        + "; \"" + type + "\" is not one of them (OpenTofu's cloud KMS providers have no lockstep "
                        + "equivalent yet: keep the key in Vault or Secrets Manager).", b.labels().get(0).range());
                return null;
            }
            schema = f.schema();
        }
        int before = diags.errorCount();
        Map<String, Value> vars = variables(b.body());
        if (diags.errorCount() > before) {
            return null;
        }
        EvalContext ctx = EvalContext.of(vars.isEmpty() ? Map.of() : Map.of("var", Value.object(vars)), Map.of(),
                FunctionContext.defaults());
        Value v = new BodyDecoder(diags).decode(b.body(), schema, ctx, b.typeRange());
        if (diags.errorCount() > before || v == null) {
            return null;
        }
        if (type.equals("pbkdf2")) {
            Value p = v.get("passphrase");
            int min = dev.lockstep.state.crypto.Pbkdf2KeyProvider.MIN_PASSPHRASE_CHARS;
            if (p != null && !p.isNull() && p.asString().codePointCount(0, p.asString().length()) < min) {
                diags.error("Passphrase too short", "The passphrase of key_provider.pbkdf2." + b.label(1) + " has "
                        + p.asString().codePointCount(0, p.asString().length()) + " characters; it needs at least "
                        + min + " (as in OpenTofu). Longer is better: it is the only secret guarding the state.",
                        b.body().attribute("passphrase").expr().range());
                return null;
            }
        }
        return new EncryptionSettings.KeyProvider(type, b.label(1), v, b.headerRange());
    }

    /** The values of the {@code var.NAME} references in a key provider's arguments, from the environment. */
    private Map<String, Value> variables(Body body) {
        Map<String, Value> vars = new TreeMap<>();
        variables(body, vars);
        return vars;
    }

    private void variables(Body body, Map<String, Value> vars) {
        for (Body.BodyItem item : body.items()) {
            if (item instanceof Block nested) {
                variables(nested.body(), vars);
                continue;
            }
            if (!(item instanceof Attribute a)) {
                continue;
            }
            for (Traversal t : Expressions.references(a.expr())) {
                if (!t.root().equals("var") || t.steps().isEmpty() || !(t.steps().get(0) instanceof Traversal.Attr n)) {
                    diags.error("Invalid reference", "The encryption block is read before the rest of the configuration; "
                            + "its arguments may refer only to input variables (var.NAME), whose values then come from "
                            + "the environment.", t.range());
                    continue;
                }
                String value = env.get("LOCKSTEP_VAR_" + n.name());
                if (value == null) {
                    value = env.get("TF_VAR_" + n.name());
                }
                if (value == null) {
                    diags.error("No value for var." + n.name(), "The encryption block is read before variable files "
                            + "and -var options, so var." + n.name() + " must come from the environment: set "
                            + "LOCKSTEP_VAR_" + n.name() + " (or TF_VAR_" + n.name() + ").", t.range());
                    continue;
                }
                vars.put(n.name(), Value.string(value).markSensitive());
            }
        }
    }

    private EncryptionSettings.Method method(Block b, Map<String, EncryptionSettings.KeyProvider> providers) {
        String type = b.label(0);
        switch (type) {
            case "aes_gcm": {
                BodyReader.Content c = BodyReader.read(b.body(), Set.of("keys"), Set.of(), Set.of("keys"),
                        b.typeRange(), diags);
                Attribute keys = c.attr("keys");
                String kp = keys == null ? null : reference(keys.expr(), "key_provider", providers.keySet());
                return kp == null ? null : new EncryptionSettings.Method(type, b.label(1), kp, b.headerRange());
            }
            case "unencrypted": {
                BodyReader.read(b.body(), Set.of(), Set.of(), Set.of(), b.typeRange(), diags);
                return new EncryptionSettings.Method(type, b.label(1), null, b.headerRange());
            }
            default:
                diags.error("Unsupported method", "The methods are \"aes_gcm\" (AES-256-GCM) and \"unencrypted\" (for "
                        + "migrating to or from encryption), not \"" + type + "\".", b.labels().get(0).range());
                return null;
        }
    }

    private EncryptionSettings.Target target(Block b, Map<String, EncryptionSettings.Method> methods) {
        BodyReader.Content c = BodyReader.read(b.body(), Set.of("method", "enforced"), Set.of("fallback"),
                Set.of("method"), b.typeRange(), diags);
        String method = c.attr("method") == null ? null : reference(c.attr("method").expr(), "method", methods.keySet());
        boolean enforced = BodyReader.bool(c.attr("enforced"), false, diags);
        String fallback = null;
        List<Block> fbs = c.blocks();
        if (fbs.size() > 1) {
            diags.error("Duplicate fallback", "A " + b.type() + " block has at most one fallback.", fbs.get(1).typeRange());
        }
        if (!fbs.isEmpty() && BodyReader.labels(fbs.get(0), 0, "", diags)) {
            BodyReader.Content f = BodyReader.read(fbs.get(0).body(), Set.of("method"), Set.of(), Set.of("method"),
                    fbs.get(0).typeRange(), diags);
            fallback = f.attr("method") == null ? null : reference(f.attr("method").expr(), "method", methods.keySet());
        }
        return method == null ? null : new EncryptionSettings.Target(method, fallback, enforced, b.typeRange());
    }

    /** A {@code kind.TYPE.LABEL} reference to a declared block, as {@code TYPE.LABEL}; null after an error. */
    private String reference(Expression e, String kind, Set<String> declared) {
        if (e instanceof ScopeTraversalExpr s && s.traversal().root().equals(kind) && s.traversal().steps().size() == 2
                && s.traversal().steps().get(0) instanceof Traversal.Attr t
                && s.traversal().steps().get(1) instanceof Traversal.Attr l) {
            String name = t.name() + "." + l.name();
            if (!declared.contains(name) && broken.contains(kind + "." + name)) {
                return null; // declared, but its own errors were reported
            }
            if (!declared.contains(name)) {
                diags.error("Undeclared " + kind.replace('_', ' '), kind + "." + name + " is not declared in this "
                        + "encryption block" + (declared.isEmpty() ? "." : "; declared: " + String.join(", ",
                        declared.stream().map(d -> kind + "." + d).toList()) + "."), e.range());
                return null;
            }
            return name;
        }
        diags.error("Invalid reference", "Expected a reference to a " + kind.replace('_', ' ') + " block, such as "
                + kind + "." + (kind.equals("method") ? "aes_gcm" : "pbkdf2") + ".main.", e.range());
        return null;
    }

}
