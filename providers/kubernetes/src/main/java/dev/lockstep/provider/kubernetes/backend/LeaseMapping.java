package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.LockInfoJson;
import dev.lockstep.state.remote.LeaseRecord;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A {@link LeaseRecord} as a {@code coordination.k8s.io/v1} Lease and back: {@code holderIdentity}
 * is the lock id, {@code leaseDurationSeconds} the duration (whole seconds, as the API has it),
 * {@code acquireTime} and {@code renewTime} are MicroTime (so instants are kept to the
 * microsecond), and the whole {@link LockInfo} is JSON in the annotation {@value #INFO_ANNOTATION}.
 */
final class LeaseMapping {

    static final String INFO_ANNOTATION = "lockstep.dev/lock-info";

    private LeaseMapping() {
    }

    /** The record as it will read back: times cut to microseconds, no version. */
    static LeaseRecord stored(LeaseRecord r) throws StateException {
        Duration d = r.duration();
        if (d.isNegative() || d.isZero() || d.getNano() != 0) {
            throw new StateException("lease duration " + d + " cannot be stored: a Lease holds whole seconds of at "
                    + "least 1 (leaseDurationSeconds)");
        }
        return new LeaseRecord(r.info(), d, micros(r.acquired()), micros(r.renewed()), null);
    }

    private static Instant micros(Instant i) {
        return i.truncatedTo(ChronoUnit.MICROS);
    }

    static Lease toLease(LeaseRecord r, String name, Map<String, String> labels, String resourceVersion)
            throws StateException {
        LeaseRecord s = stored(r);
        return new LeaseBuilder().withNewMetadata().withName(name).withLabels(labels)
                .withResourceVersion(resourceVersion).addToAnnotations(INFO_ANNOTATION, infoJson(s.info()))
                .endMetadata()
                .withNewSpec().withHolderIdentity(s.info().id())
                .withLeaseDurationSeconds((int) Math.min(Integer.MAX_VALUE, s.duration().getSeconds()))
                .withAcquireTime(ZonedDateTime.ofInstant(s.acquired(), ZoneOffset.UTC))
                .withRenewTime(ZonedDateTime.ofInstant(s.renewed(), ZoneOffset.UTC))
                .endSpec().build();
    }

    /** The record a Lease holds, with its resourceVersion; a Lease lockstep did not write is an error. */
    static LeaseRecord fromLease(Lease l, String where) throws StateException {
        String info = l.getMetadata().getAnnotations() == null ? null
                : l.getMetadata().getAnnotations().get(INFO_ANNOTATION);
        var spec = l.getSpec();
        if (info == null || spec == null || spec.getLeaseDurationSeconds() == null || spec.getRenewTime() == null
                || spec.getAcquireTime() == null) {
            throw new StateException(where + " is not a lockstep lock (it has no " + INFO_ANNOTATION + " annotation, "
                    + "or no duration, acquire or renew time). If nothing else uses it, delete it with kubectl "
                    + "delete lease " + l.getMetadata().getName() + " -n " + l.getMetadata().getNamespace() + ".");
        }
        LockInfo parsed = parseInfo(info, where);
        return new LeaseRecord(parsed, Duration.ofSeconds(spec.getLeaseDurationSeconds()),
                spec.getAcquireTime().toInstant(), spec.getRenewTime().toInstant(), l.getMetadata().getResourceVersion());
    }

    static String infoJson(LockInfo i) {
        return new String(LockInfoJson.encode(i, false), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static LockInfo parseInfo(String text, String where) throws StateException {
        LockInfo i = LockInfoJson.decode(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (i == null) {
            throw new StateException(where + " has an unreadable " + INFO_ANNOTATION + " annotation; it was not "
                    + "written by this lockstep version.");
        }
        return i;
    }
}
