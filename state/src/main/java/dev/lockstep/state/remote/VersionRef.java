package dev.lockstep.state.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One stored state version of a {@link RemoteBackend}: its serial, the random nonce that makes the
 * names of its blobs unique to the write that created them, and how many chunks hold it. The blob
 * names are {@code meta.<serial>.<nonce>} and {@code chunk.<serial>.<nonce>.<i>}, the serial
 * zero-padded to 20 digits so that names sort by serial.
 */
record VersionRef(long serial, String nonce, int chunks) {

    String metaName() {
        return "meta." + pad(serial) + "." + nonce;
    }

    String chunkName(int i) {
        return "chunk." + pad(serial) + "." + nonce + "." + i;
    }

    static String pad(long n) {
        return String.format(Locale.ROOT, "%020d", n);
    }

    /** The pointer's history field form: {@code serial:nonce:chunks}. */
    String encode() {
        return serial + ":" + nonce + ":" + chunks;
    }

    static VersionRef decode(String s) {
        String[] p = s.split(":");
        if (p.length != 3) {
            throw new IllegalArgumentException("not a version reference: " + s);
        }
        return new VersionRef(Long.parseLong(p[0]), p[1], Integer.parseInt(p[2]));
    }

    /** A comma-separated list, newest first. */
    static String encodeAll(List<VersionRef> refs) {
        List<String> s = new ArrayList<>();
        refs.forEach(r -> s.add(r.encode()));
        return String.join(",", s);
    }

    static List<VersionRef> decodeAll(String s) {
        List<VersionRef> out = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",")) {
            out.add(decode(part));
        }
        return out;
    }
}
