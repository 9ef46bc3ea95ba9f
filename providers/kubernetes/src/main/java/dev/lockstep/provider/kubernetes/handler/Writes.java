package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.provider.kubernetes.client.ApiException;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.value.Json;
import dev.lockstep.provider.kubernetes.value.MergePatch;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The write paths every handler shares: lockstep's label and annotation, the merge patch guarded
 * by resourceVersion with re-read and retry on 409, and delete with a bounded wait for finalizers.
 */
public final class Writes {

    private final ProviderContext ctx;

    public Writes(ProviderContext ctx) {
        this.ctx = ctx;
    }

    /** A copy of {@code body} carrying lockstep's label and address annotation. */
    public static Map<String, Object> marked(Map<String, Object> body, String address) {
        Map<String, Object> out = Json.copy(body);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) out.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) meta.computeIfAbsent("labels", k -> new LinkedHashMap<>());
        labels.put(LockstepKeys.MANAGED_BY, LockstepKeys.LOCKSTEP);
        @SuppressWarnings("unchecked")
        Map<String, Object> ann = (Map<String, Object>) meta.computeIfAbsent("annotations",
                k -> new LinkedHashMap<>());
        ann.put(LockstepKeys.ADDRESS, address);
        return out;
    }

    /** The outcome of a patch: the object after it, or null with the reason in the diagnostics. */
    public record Patched(Map<String, Object> object, boolean called) {
    }

    /**
     * Brings the object from {@code base} (what lockstep owns of it now) to {@code desired} with
     * a merge patch carrying {@code resourceVersion}. On 409 the object is read again,
     * {@code rebase} turns it into the new base, and the patch is recomputed and retried, at most
     * {@link ProviderContext#maxConflictRetries()} times. When nothing lockstep owns differs no
     * request is made and {@code object} is null.
     */
    public Patched patch(ResourceType type, String ns, String name, Map<String, Object> base,
            Map<String, Object> desired, String resourceVersion, UnaryOperator<Map<String, Object>> rebase,
            String address, String fieldManager, Scrubber redactor, Diagnostics diags) {
        Map<String, Object> want = marked(desired, address);
        if (MergePatch.diff(marked(base, address), want).isEmpty()) {
            return new Patched(null, false);
        }
        Map<String, Object> from = base;
        String rv = resourceVersion;
        String what = type.describe(ns, name);
        for (int attempt = 0;; attempt++) {
            Map<String, Object> patch = MergePatch.diff(from, want);
            if (rv != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> meta = (Map<String, Object>) patch.computeIfAbsent("metadata",
                        k -> new LinkedHashMap<>());
                meta.put("resourceVersion", rv);
            }
            ctx.log().debug("kubernetes: PATCH " + what + " (" + address + "): " + MergePatch.paths(patch));
            try {
                return new Patched(ctx.api().patch(type, ns, name, patch, fieldManager), true);
            } catch (ApiException e) {
                if (!e.isConflict() || attempt >= ctx.maxConflictRetries()) {
                    diags.add(Errors.diagnostic("update " + what + " (" + address + ")", e, redactor));
                    if (e.isConflict()) {
                        diags.add(dev.lockstep.api.diag.Diagnostic.error("Update kept conflicting", what
                                + " changed on every one of " + (attempt + 1) + " attempts; something else is writing "
                                + "it. Run the plan again once it settles.", null));
                    }
                    return new Patched(null, true);
                }
                ctx.log().info("kubernetes: " + what + " changed since it was read (409); reading it again and "
                        + "retrying (" + (attempt + 1) + "/" + ctx.maxConflictRetries() + ")");
                Map<String, Object> live;
                try {
                    live = ctx.api().get(type, ns, name);
                } catch (ApiException ex) {
                    diags.add(Errors.diagnostic("read " + what + " after a conflict", ex, redactor));
                    return new Patched(null, true);
                }
                if (live == null) {
                    diags.error("Object deleted during update", what + " (" + address + ") was deleted by someone "
                            + "else while lockstep updated it. Plan again to create it.", null);
                    return new Patched(null, true);
                }
                from = rebase.apply(live);
                rv = Json.string(Json.object(live, "metadata"), "resourceVersion");
            }
        }
    }

    /**
     * Deletes an object (background propagation) and waits until it is gone, at most
     * {@code timeout}; returns false with a diagnostic when it is still there (finalizers).
     */
    public boolean delete(ResourceType type, String ns, String name, String address, Duration timeout,
            Diagnostics diags) {
        String what = type.describe(ns, name);
        try {
            if (!ctx.api().delete(type, ns, name, DeletionPropagation.BACKGROUND)) {
                return true;
            }
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return true;
            }
            diags.add(Errors.diagnostic("delete " + what + " (" + address + ")", e, Scrubber.of()));
            return false;
        }
        boolean[] announced = {false};
        Object[] finalizers = {List.of()};
        boolean gone;
        try {
            gone = waitGone(type, ns, name, address, timeout, announced, finalizers);
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("watch " + what + " (" + address + ") terminate", e, Scrubber.of()));
            return false;
        }
        if (!gone) {
            diags.error("Object still terminating", what + " (" + address + ") is still being deleted after "
                    + timeout.toSeconds() + "s, waiting on finalizers " + finalizers[0] + ". It will disappear once "
                    + "they are removed; run the command again then.", null);
        }
        return gone;
    }

    private boolean waitGone(ResourceType type, String ns, String name, String address, Duration timeout,
            boolean[] announced, Object[] finalizers) {
        String what = type.describe(ns, name);
        return ctx.waits().until(timeout, () -> {
            Map<String, Object> live = ctx.api().get(type, ns, name);
            if (live == null) {
                return true;
            }
            Map<String, Object> meta = Json.object(live, "metadata");
            finalizers[0] = Json.array(meta, "finalizers");
            if (!announced[0] && Json.string(meta, "deletionTimestamp") != null) {
                announced[0] = true;
                ctx.log().info("kubernetes: " + what + " (" + address + ") is terminating; waiting up to "
                        + timeout.toSeconds() + "s for finalizers " + finalizers[0]);
            }
            return false;
        });
    }
}
