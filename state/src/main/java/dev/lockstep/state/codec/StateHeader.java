package dev.lockstep.state.codec;

/**
 * The identifying fields at the top of every state document, whatever its format version: enough
 * to check a new version against the stored one without decoding all resources.
 */
public record StateHeader(int version, String lineage, long serial) {
}
