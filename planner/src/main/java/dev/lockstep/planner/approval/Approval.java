package dev.lockstep.planner.approval;

/**
 * One signature file found beside a plan, and what it counts for.
 *
 * @param file the file's name in {@code PLANFILE.approvals/}
 * @param status whether it counts
 * @param signer who signed: the trusted key's comment, else the signing key's comment, else null
 * @param fingerprint the signing key's SHA256 fingerprint, or null when the file is not a signature
 * @param reason why it does not count, or null when it does
 */
public record Approval(String file, Status status, String signer, String fingerprint, String reason) {

    /** Whether a signature file counts toward the required approvals. */
    public enum Status {
        /** A valid signature of this plan by a trusted key, the first by that key: it counts. */
        VALID,
        /** A valid signature by a key that already signed (another file): it does not count twice. */
        DUPLICATE,
        /** A valid signature of this plan by a key that is not trusted. */
        UNTRUSTED,
        /** Not a valid signature of this plan: another plan, an altered plan or file, another namespace. */
        INVALID,
        /** Not a signature file lockstep can read. */
        UNREADABLE
    }

    /** Who signed, for messages: the name and the fingerprint. */
    public String who() {
        if (fingerprint == null) {
            return file;
        }
        return signer == null || signer.isBlank() ? fingerprint : signer + " (" + fingerprint + ")";
    }
}
