package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Value;
import java.util.Map;

/**
 * The {@code encryption} block of the {@code lockstep} settings, checked but not yet resolved
 * (resolving derives or fetches keys, see {@code planner.ops.EncryptionSetup}). Modelled on
 * OpenTofu's block of the same name:
 *
 * <pre>
 * encryption {
 *   key_provider "pbkdf2" "main" { passphrase = var.state_passphrase }
 *   method "aes_gcm" "main" { keys = key_provider.pbkdf2.main }
 *   method "unencrypted" "migrate" {}
 *   state {
 *     method   = method.aes_gcm.main
 *     enforced = true
 *     fallback { method = method.unencrypted.migrate }
 *   }
 *   plan { method = method.aes_gcm.main }
 * }
 * </pre>
 *
 * @param keyProviders by {@code type.label}
 * @param methods by {@code type.label}
 * @param state how state files, snapshots and journals are encrypted, or null (not encrypted)
 * @param plan how plan files are encrypted, or null (not encrypted)
 */
public record EncryptionSettings(Map<String, KeyProvider> keyProviders, Map<String, Method> methods, Target state,
        Target plan) {

    /** A {@code key_provider "TYPE" "LABEL"} block with its decoded arguments (variables already substituted). */
    public record KeyProvider(String type, String label, Value arguments, SourceRange range) {
        public String name() {
            return type + "." + label;
        }
    }

    /** A {@code method "TYPE" "LABEL"} block; {@code keys} is the key provider's {@code type.label}, or null. */
    public record Method(String type, String label, String keys, SourceRange range) {
        public String name() {
            return type + "." + label;
        }
    }

    /** A {@code state} or {@code plan} block: method and fallback by {@code type.label}. */
    public record Target(String method, String fallback, boolean enforced, SourceRange range) {
    }
}
