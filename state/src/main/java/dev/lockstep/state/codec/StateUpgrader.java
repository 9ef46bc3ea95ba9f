package dev.lockstep.state.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites a decoded state document of format version {@link #fromVersion()} into version
 * {@code fromVersion() + 1}, on the JSON tree, before the current reader sees it. The codec chains
 * upgraders, so each one only knows two adjacent versions. An upgrader must set {@code version}
 * to its target and must keep the header fields {@code version}, {@code lineage} and
 * {@code serial} at the top level.
 */
public interface StateUpgrader {

    /** The version this upgrader reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /** Upgrades {@code document} (which it may modify in place) and returns the result. */
    ObjectNode upgrade(ObjectNode document) throws FormatException;
}
