package dev.lockstep.planner.approval.ssh;

import java.util.Optional;

/**
 * The SSH key types lockstep reads: their SSH names and, for ECDSA, the curve (SSH identifier, JCA
 * name, byte length of the field and of the group order) and the hash that goes with the curve
 * (RFC 5656 section 6.2.1).
 */
enum KeyType {
    ED25519("ssh-ed25519", null, null, 0, null),
    RSA("ssh-rsa", null, null, 0, null),
    ECDSA_P256("ecdsa-sha2-nistp256", "nistp256", "secp256r1", 32, "SHA256"),
    ECDSA_P384("ecdsa-sha2-nistp384", "nistp384", "secp384r1", 48, "SHA384"),
    ECDSA_P521("ecdsa-sha2-nistp521", "nistp521", "secp521r1", 66, "SHA512");

    final String sshName;
    /** The curve identifier inside ECDSA blobs ({@code nistp256}); null for other types. */
    final String curveId;
    /** The JCA curve name ({@code secp256r1}); null for other types. */
    final String jcaCurve;
    /** Bytes of a field element and of the group order (both the same for the NIST curves). */
    final int fieldBytes;
    /** The digest of the ECDSA signature; null for other types. */
    final String ecdsaDigest;

    KeyType(String sshName, String curveId, String jcaCurve, int fieldBytes, String ecdsaDigest) {
        this.sshName = sshName;
        this.curveId = curveId;
        this.jcaCurve = jcaCurve;
        this.fieldBytes = fieldBytes;
        this.ecdsaDigest = ecdsaDigest;
    }

    boolean isEcdsa() {
        return curveId != null;
    }

    static Optional<KeyType> byName(String sshName) {
        for (KeyType t : values()) {
            if (t.sshName.equals(sshName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Why a key type lockstep does not read is refused, as one line: security keys, certificates,
     * DSA, or a type lockstep does not know.
     */
    static String unsupported(String sshName) {
        String shown = Names.quote(sshName);
        if (sshName.startsWith("sk-")) {
            return "security-key (FIDO) keys such as " + shown
                    + " are not supported; use an ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp* key";
        }
        if (sshName.contains("-cert-v01@openssh.com")) {
            return "SSH certificates (" + shown + ") are not supported; give the plain public key instead";
        }
        if (sshName.equals("ssh-dss")) {
            return "DSA keys (ssh-dss) are not supported; use an ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp* key";
        }
        return "unknown SSH key type " + shown
                + "; supported: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521";
    }
}
