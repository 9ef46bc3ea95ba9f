/**
 * The OpenSSH formats behind signed plan approvals, on the JDK's own crypto (java.security) only:
 * public key lines ({@link dev.lockstep.planner.approval.ssh.SshPublicKey}, as in
 * {@code authorized_keys} and {@code github.com/USER.keys}), unencrypted {@code openssh-key-v1}
 * private keys ({@link dev.lockstep.planner.approval.ssh.SshPrivateKey}) and detached SSHSIG
 * signatures ({@link dev.lockstep.planner.approval.ssh.SshSignature}, what
 * {@code ssh-keygen -Y sign -n lockstep-plan} writes). Key types: ssh-ed25519, ssh-rsa (signatures
 * rsa-sha2-256/512 only, never SHA-1) and ecdsa-sha2-nistp256/384/521. Everything the parsers cannot
 * use is an {@link dev.lockstep.planner.approval.ssh.SshFormatException} with a one-line message that
 * never quotes private key material.
 */
package dev.lockstep.planner.approval.ssh;
