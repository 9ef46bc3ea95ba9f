package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import java.util.List;

/**
 * The {@code approvals} block of the {@code lockstep} block: how many signatures from distinct
 * trusted keys {@code apply PLANFILE} needs (docs/ci.md).
 *
 * <pre>
 * lockstep {
 *   approvals {
 *     required          = 2
 *     trusted_keys      = ["ssh-ed25519 AAAA... alice@example.com", ...]
 *     trusted_keys_file = "approvers.pub"   # one OpenSSH public key per line, # comments
 *   }
 * }
 * </pre>
 *
 * @param required the number of valid signatures from distinct trusted keys, at least 1
 * @param keys the trusted OpenSSH public key lines, each with where it was given
 * @param range the block, for messages
 */
public record ApprovalSettings(int required, List<KeyLine> keys, SourceRange range) {

    public ApprovalSettings {
        keys = List.copyOf(keys);
    }

    /** One trusted key as configured: the OpenSSH public key line and its position. */
    public record KeyLine(String line, SourceRange range) {
    }
}
