package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.ApiException;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.schema.DataSourceSchemas;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.JsonCodec;
import dev.lockstep.provider.kubernetes.value.Marks;
import dev.lockstep.provider.kubernetes.value.Values;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The data sources kubernetes_namespace, kubernetes_secret and kubernetes_service_account: one GET each. */
public final class DataSources {

    /** Why a secret's name may come out empty, and what to do instead. */
    static final String TOKEN_SECRET_HINT = "If the name comes from a service account's default_secret_name: that "
            + "is empty on Kubernetes 1.24 and later, which create no token secret for a service account; create a "
            + "kubernetes_secret of type \"kubernetes.io/service-account-token\" for the account instead.";

    private DataSources() {
    }

    /** The handlers by type name, {@code _v1} aliases included. */
    public static Map<String, DataSourceHandler> all(ProviderContext ctx) {
        Map<String, DataSourceHandler> out = new LinkedHashMap<>();
        for (String suffix : List.of("", "_v1")) {
            out.put("kubernetes_namespace" + suffix, new Reader(ctx, "kubernetes_namespace" + suffix,
                    DataSourceSchemas.namespace(), new ResourceType("v1", "Namespace", "namespaces", false), Map.of()));
            out.put("kubernetes_secret" + suffix, new Reader(ctx, "kubernetes_secret" + suffix,
                    DataSourceSchemas.secret(), new ResourceType("v1", "Secret", "secrets", true), Map.of()));
            out.put("kubernetes_service_account" + suffix, new Reader(ctx, "kubernetes_service_account" + suffix,
                    DataSourceSchemas.serviceAccount(), new ResourceType("v1", "ServiceAccount", "serviceaccounts",
                            true), Map.of("secret", "secrets", "image_pull_secret", "imagePullSecrets")));
        }
        return out;
    }

    /** Reads one object by the name (and namespace) in the configuration's metadata block. */
    private static final class Reader implements DataSourceHandler {
        private final ProviderContext ctx;
        private final ResourceSchema schema;
        private final ResourceType type;
        private final JsonCodec codec;

        Reader(ProviderContext ctx, String name, BlockSchema body, ResourceType type, Map<String, String> names) {
            this.ctx = ctx;
            this.schema = new ResourceSchema(name, 0, body, "Reads a " + type.kind());
            this.type = type;
            this.codec = new JsonCodec(names, Map.of(), Set.of());
        }

        @Override
        public ResourceSchema schema() {
            return schema;
        }

        @Override
        public DataResponse read(Value config) {
            Diagnostics diags = new Diagnostics();
            Value c = config.unmarkDeep();
            Value meta = Values.first(c, "metadata");
            String name = Values.string(meta, "name");
            Diagnostic badName = ObjectNames.checkName(type, "metadata[0].name", name, sensitive(config, "name"),
                    type.kind().equals("Secret") ? TOKEN_SECRET_HINT : "");
            if (badName != null) {
                return new DataResponse(null, diags.add(badName));
            }
            String ns = type.namespaced() ? java.util.Objects.requireNonNullElse(Values.string(meta, "namespace"),
                    "default") : null;
            if (type.namespaced()) {
                Diagnostic badNs = ObjectNames.checkNamespace("metadata[0].namespace", ns,
                        sensitive(config, "namespace"));
                if (badNs != null) {
                    return new DataResponse(null, diags.add(badNs));
                }
            }
            Map<String, Object> live;
            try {
                live = ctx.api().get(type, ns, name);
            } catch (ApiException e) {
                diags.add(Errors.diagnostic("read " + type.describe(ns, name), e, Scrubber.of()));
                return new DataResponse(null, diags);
            }
            if (live == null) {
                diags.error("No such " + type.kind(), "There is no " + type.describe(ns, name) + " in the cluster.",
                        null);
                return new DataResponse(null, diags);
            }
            Value v = codec.decode(schema.block(), live);
            v = Values.with(v, "id", Value.string(type.namespaced() ? ns + "/" + name : name));
            if (type.kind().equals("Secret")) {
                v = secretData(v, c, live);
            } else if (type.kind().equals("ServiceAccount")) {
                List<String> tokens = new java.util.ArrayList<>();
                for (Object o : Json.array(live, "secrets")) {
                    if (o instanceof Map<?, ?> m && String.valueOf(m.get("name")).startsWith(name + "-token-")) {
                        tokens.add(String.valueOf(m.get("name")));
                    }
                }
                v = Values.with(v, "default_secret_name", Value.string(tokens.size() == 1 ? tokens.get(0) : ""));
            }
            return new DataResponse(Marks.apply(schema.block(), v), diags);
        }

        /** Whether {@code metadata[0].<attribute>} of the (marked) configuration is sensitive. */
        private static boolean sensitive(Value config, String attribute) {
            Value meta = Values.first(config, "metadata");
            Value v = Values.attr(meta, attribute);
            return config.isSensitive() || meta != null && meta.isSensitive() || v != null && v.isSensitive();
        }

        /** Text values in data; keys the configuration lists in binary_data come back base64-encoded there. */
        private static Value secretData(Value v, Value config, Map<String, Object> live) {
            Set<String> binaryKeys = Values.entries(config, "binary_data").keySet();
            Map<String, Value> text = new LinkedHashMap<>();
            Map<String, Value> binary = new LinkedHashMap<>();
            Map<String, Object> data = Json.object(live, "data");
            if (data != null) {
                data.forEach((k, b64) -> {
                    if (binaryKeys.contains(k)) {
                        binary.put(k, Value.string(String.valueOf(b64)));
                    } else {
                        try {
                            text.put(k, Value.string(new String(Base64.getDecoder().decode(String.valueOf(b64)),
                                    StandardCharsets.UTF_8)));
                        } catch (IllegalArgumentException e) {
                            binary.put(k, Value.string(String.valueOf(b64)));
                        }
                    }
                });
            }
            Value out = Values.with(v, "data", Value.map(Type.STRING, text));
            return Values.with(out, "binary_data", Value.map(Type.STRING, binary));
        }
    }
}
