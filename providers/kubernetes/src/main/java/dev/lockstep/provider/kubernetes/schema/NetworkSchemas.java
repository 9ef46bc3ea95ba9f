package dev.lockstep.provider.kubernetes.schema;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_LIST;
import static dev.lockstep.api.schema.SchemaBuilder.body;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.list;
import static dev.lockstep.api.schema.SchemaBuilder.object;
import static dev.lockstep.api.schema.SchemaBuilder.one;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.Type;

/** Schemas of networking.k8s.io/v1: NetworkPolicy and Ingress. */
public final class NetworkSchemas {

    private NetworkSchemas() {
    }

    private static BlockSchema peer() {
        BlockSchema ipBlock = body()
                .add(optional("cidr", Type.STRING, "A CIDR such as 10.0.0.0/8."))
                .add(optional("except", STRING_LIST, "CIDRs inside cidr that are excluded."))
                .build();
        return body()
                .add(one("ip_block", ipBlock, false))
                .add(one("namespace_selector", LabelSelector.body(), false))
                .add(one("pod_selector", LabelSelector.body(), false))
                .build();
    }

    private static NestedBlockSchema ports() {
        BlockSchema port = body()
                .add(optional("end_port", Type.NUMBER, "Last port of a range starting at port."))
                .add(optional("port", Type.STRING, "A port number or a named port."))
                .add(optionalComputed("protocol", Type.STRING, "TCP (the default), UDP or SCTP."))
                .build();
        return list("ports", port, 0, 0);
    }

    public static BlockSchema networkPolicy() {
        BlockSchema ingress = body().add(list("from", peer(), 0, 0)).add(ports()).build();
        BlockSchema egress = body().add(ports()).add(list("to", peer(), 0, 0)).build();
        BlockSchema spec = body()
                .add(list("egress", egress, 0, 0))
                .add(list("ingress", ingress, 0, 0))
                .add(one("pod_selector", LabelSelector.body(), true))
                .add(required("policy_types", STRING_LIST, "Ingress, Egress or both."))
                .build();
        return body()
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(Metadata.namespaced("network policy"))
                .add(one("spec", spec, true))
                .build();
    }

    private static BlockSchema backend() {
        BlockSchema resource = body()
                .add(required("api_group", Type.STRING, "API group of the referenced resource."))
                .add(required("kind", Type.STRING, "Kind of the referenced resource."))
                .add(required("name", Type.STRING, "Name of the referenced resource."))
                .build();
        BlockSchema port = body()
                .add(optional("name", Type.STRING, "Name of the service port."))
                .add(optional("number", Type.NUMBER, "Number of the service port."))
                .build();
        BlockSchema service = body()
                .add(optional("name", Type.STRING, "Name of the service."))
                .add(one("port", port, false))
                .build();
        return body().add(one("resource", resource, false)).add(one("service", service, false)).build();
    }

    public static BlockSchema ingressV1() {
        BlockSchema path = body()
                .add(one("backend", backend(), false))
                .add(optional("path", Type.STRING, "Path matched against the request."))
                .add(optionalComputed("path_type", Type.STRING, "Exact, Prefix or ImplementationSpecific (the "
                        + "default)."))
                .build();
        BlockSchema http = body().add(list("path", path, 1, 0)).build();
        BlockSchema rule = body()
                .add(optional("host", Type.STRING, "Host name the rule matches; unset matches all."))
                .add(one("http", http, false))
                .build();
        BlockSchema tls = body()
                .add(optional("hosts", STRING_LIST, "Hosts covered by the certificate."))
                .add(optional("secret_name", Type.STRING, "Secret holding the certificate and key."))
                .build();
        BlockSchema spec = body()
                .add(one("default_backend", backend(), false))
                .add(optional("ingress_class_name", Type.STRING, "Name of the IngressClass."))
                .add(list("rule", rule, 0, 0))
                .add(list("tls", tls, 0, 0))
                .build();
        Type lbIngress = Type.list(object("hostname", Type.STRING, "ip", Type.STRING));
        Type status = Type.list(object("load_balancer", Type.list(object("ingress", lbIngress))));
        return body()
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(Metadata.namespaced("ingress"))
                .add(one("spec", spec, true))
                .add(computed("status", status, "Load balancer addresses reported by the ingress controller."))
                .add(Timeouts.block("create", "delete"))
                .add(optional("wait_for_load_balancer", Type.BOOL, "Wait after create until the load balancer "
                        + "reports an address (bounded by timeouts.create, default 20m)."))
                .build();
    }
}
