package dev.lockstep.planner.approval.ssh;

/**
 * Input in an SSH format (a key line, a private key file, an SSHSIG signature) that lockstep cannot
 * use. The message is one user-facing line that says what is wrong (and, where there is one, what to
 * do instead); it never contains private key material.
 */
public final class SshFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An exception with the given one-line message. */
    public SshFormatException(String message) {
        super(message);
    }
}
