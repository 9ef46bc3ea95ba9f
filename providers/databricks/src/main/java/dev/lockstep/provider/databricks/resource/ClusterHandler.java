package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.EditCluster;
import com.databricks.sdk.service.compute.ListClustersRequest;
import com.databricks.sdk.service.compute.State;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.CreateGuard;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.client.SdkModels;
import dev.lockstep.provider.databricks.json.JsonValues;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.plan.Planning;
import dev.lockstep.provider.databricks.schema.ClusterSchemas;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code databricks_cluster}: create (tagged with its address; waits for RUNNING only when
 * {@code no_wait = false}), edit (after waiting out PENDING, RESTARTING, RESIZING or TERMINATING;
 * the plan notes that a running cluster restarts), permanent delete, and reads that list the
 * workspace's clusters once for a batch.
 */
public final class ClusterHandler extends BaseHandler implements ResourceUpdater {

    private static final Set<State> TRANSITIONAL = Set.of(State.PENDING, State.RESTARTING, State.RESIZING,
            State.TERMINATING);
    /** Attributes lockstep keeps locally: not sent to (or not returned by) the API. */
    private static final List<String> LOCAL = List.of("no_wait", "idempotency_token", "apply_policy_default_values");

    /**
     * The live state of each cluster seen by the last read, for the restart note. It is not an
     * attribute: clusters stop and start on their own, and that is not drift.
     */
    private final Map<String, State> lastSeen = new ConcurrentHashMap<>();

    public ClusterHandler(ProviderContext ctx) {
        super(ctx, ClusterSchemas.CLUSTER);
    }

    // ------------------------------------------------------------------ read

    @Override
    protected Map<ReadObject, Value> readBatch(List<ReadObject> objects, Diagnostics d) {
        if (objects.size() < 2) {
            return super.readBatch(objects, d);
        }
        Map<String, ClusterDetails> all = new LinkedHashMap<>();
        for (ClusterDetails cd : c.clusters.list(new ListClustersRequest().setPageSize(100L))) {
            all.put(cd.getClusterId(), cd);
        }
        Map<ReadObject, Value> out = new LinkedHashMap<>();
        for (ReadObject o : objects) {
            ClusterDetails cd = all.get(o.id());
            if (cd == null && c.recentlyCreated("cluster:" + o.id())) {
                cd = c.consistent("cluster:" + o.id(), () -> c.clusters.get(o.id()));
            }
            out.put(o, cd == null ? null : state(cd));
        }
        return out;
    }

    @Override
    protected Value readOne(String id, Value prior) {
        return state(c.consistent("cluster:" + id, () -> c.clusters.get(id)));
    }

    @Override
    protected Found adopt(ReadObject o) {
        return findByTag(o.address().toString()).map(cd -> new Found(cd.getClusterId(), state(cd))).orElse(null);
    }

    private Optional<ClusterDetails> findByTag(String address) {
        for (ClusterDetails cd : c.clusters.list(new ListClustersRequest().setPageSize(100L))) {
            if (address.equals(Tags.of(c.json(cd), "custom_tags"))) {
                return Optional.of(cd);
            }
        }
        return Optional.empty();
    }

    private Value state(ClusterDetails cd) {
        if (cd.getState() != null) {
            lastSeen.put(cd.getClusterId(), cd.getState());
        }
        JsonNode json = c.json(cd);
        Value v = JsonValues.read(json, block(), JsonValues.Names.NONE);
        v = Tags.strip(v, "custom_tags");
        v = Values.with(v, "id", Value.string(cd.getClusterId()));
        return Values.with(v, "url", Value.string(c.settings().host() + "/#setting/clusters/" + cd.getClusterId()
                + "/configuration"));
    }

    @Override
    protected List<String> localAttributes() {
        return LOCAL;
    }

    /** The workspace does not return a registry password: the recorded one (a placeholder) is kept. */
    @Override
    protected Value finish(Value live, Value prior) {
        Value v = super.finish(live, prior);
        AttributePath password = AttributePath.of("docker_image").attr("basic_auth").attr("password");
        Value recorded = prior == null || !prior.isKnown() || prior.isNull() ? null : password.get(prior);
        Value now = password.get(v);
        if (recorded != null && now != null && now.isNull()) {
            Value docker = v.get("docker_image");
            Value auth = Values.with(docker.get("basic_auth"), "password", recorded);
            v = Values.with(v, "docker_image", Values.with(docker, "basic_auth", auth));
        }
        return v;
    }

    // ------------------------------------------------------------------ plan

    @Override
    protected void customize(Planning p) {
        for (String b : List.of("aws_attributes", "azure_attributes", "gcp_attributes")) {
            p.keepServerBlock(b);
        }
        if (p.creating()) {
            p.unknown("default_tags", Type.map(Type.STRING));
            p.unknown("url", Type.STRING);
        }
        if (p.configured("autoscale") && p.configured("num_workers") && !"0".equals(String.valueOf(
                p.get("num_workers").unmark()))) {
            p.diagnostics().error("Conflicting cluster size", "Set either num_workers or an autoscale block, not both.",
                    null);
        }
        if (!p.creating() && specChanged(p)) {
            String id = Values.str(p.prior(), "id");
            State s = id == null ? null : lastSeen.get(id);
            if (s == null || s == State.RUNNING || s == State.PENDING || s == State.RESTARTING || s == State.RESIZING) {
                p.note(s == null ? "If the cluster is running, it restarts to apply this change."
                        : "The running cluster will restart to apply this change (it is " + s + ").");
            }
        }
        Value planned = p.response().planned();
        if (planned.isWhollyKnown()) {
            try {
                SdkModels.build(c, request(planned, null), CreateCluster.class);
            } catch (IllegalArgumentException e) {
                p.diagnostics().error("Unsupported cluster setting", e.getMessage() + ".", null);
            }
        }
    }

    private boolean specChanged(Planning p) {
        return specChanged(p.prior(), p.response().planned());
    }

    /** Whether anything the API holds differs (lockstep's local attributes aside). */
    private boolean specChanged(Value prior, Value planned) {
        for (String a : block().attributes().keySet()) {
            if (!LOCAL.contains(a) && block().attributes().get(a).settable()
                    && !Values.same(prior.get(a), planned.get(a))) {
                return true;
            }
        }
        for (String b : block().blocks().keySet()) {
            if (!Values.same(prior.get(b), planned.get(b))) {
                return true;
            }
        }
        return false;
    }

    /** The create/edit body: every settable attribute but the local ones, plus the address tag. */
    private ObjectNode request(Value planned, dev.lockstep.api.addr.ResourceAddress address) {
        ObjectNode body = JsonValues.write(planned, block(), JsonValues.Names.NONE);
        LOCAL.forEach(body::remove);
        if (Values.bool(planned, "apply_policy_default_values", false)) {
            body.put("apply_policy_default_values", true);
        }
        if (address != null) {
            Tags.add(body, "custom_tags", address);
        }
        return body;
    }

    // ------------------------------------------------------------------ apply

    @Override
    protected ApplyResponse doCreate(ApplyRequest r) {
        CreateCluster req = SdkModels.build(c, request(r.planned(), r.address()), CreateCluster.class);
        String address = r.address().toString();
        String id = CreateGuard.create(c, r.address().toString(), scrubber(r),
                () -> c.clusters.create(req).getResponse().getClusterId(),
                () -> findByTag(address).map(ClusterDetails::getClusterId));
        c.created("cluster:" + id);
        try {
            Value noWait = r.planned().get("no_wait");
            if (noWait != null && !noWait.isNull() && noWait.isKnown() && !noWait.asBool()) {
                await(id, Set.of(State.RUNNING));
            }
            return ApplyResponse.ok(id, finish(readOne(id, r.planned()), r.planned()));
        } catch (RuntimeException e) {
            return createdButFailed(r, id, Values.with(r.planned(), "id", Value.string(id)), e);
        }
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        return guardedUpdate(r, () -> {
            if (!specChanged(r.prior(), r.planned())) {
                // only lockstep's local attributes changed: nothing to send, nothing restarts
                return ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned()));
            }
            ObjectNode body = request(r.planned(), r.address());
            body.put("cluster_id", r.id());
            EditCluster req = SdkModels.build(c, body, EditCluster.class);
            for (int attempt = 1;; attempt++) {
                await(r.id(), null);
                try {
                    c.consistentWrite("cluster:" + r.id(), () -> c.clusters.edit(req).getResponse());
                    break;
                } catch (RuntimeException e) {
                    if (!Errors.isInvalidState(e) || attempt >= 3) {
                        throw e;
                    }
                }
            }
            return ApplyResponse.ok(r.id(), finish(readOne(r.id(), r.planned()), r.planned()));
        });
    }

    /**
     * Waits until the cluster reaches one of {@code states}, or (when null) leaves every
     * transitional state, up to the cluster state timeout.
     */
    private ClusterDetails await(String id, Set<State> states) {
        long deadline = c.sleeper().nanoTime() + c.settings().clusterStateTimeout().toNanos();
        long waitMs = 100;
        while (true) {
            ClusterDetails cd = c.consistent("cluster:" + id, () -> c.clusters.get(id));
            State s = cd.getState();
            boolean done = states == null ? !TRANSITIONAL.contains(s) : states.contains(s);
            if (done) {
                return cd;
            }
            if (s == State.ERROR || (states != null && s == State.TERMINATED)) {
                throw new IllegalStateException("cluster " + id + " is " + s + ": " + cd.getStateMessage());
            }
            if (c.sleeper().nanoTime() > deadline) {
                throw new IllegalStateException("cluster " + id + " is still " + s + " after "
                        + c.settings().clusterStateTimeout().toSeconds() + " s");
            }
            c.log().debug("databricks: cluster " + id + " is " + s + ", waiting");
            c.sleeper().sleepUninterruptibly(Duration.ofMillis(waitMs));
            waitMs = Math.min(waitMs * 2, 5000);
        }
    }

    @Override
    protected void doDelete(ApplyRequest r) {
        c.clusters.permanentDelete(r.id());
        c.deleted("cluster:" + r.id());
    }
}
