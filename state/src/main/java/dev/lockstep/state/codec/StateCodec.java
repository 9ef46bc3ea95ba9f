package dev.lockstep.state.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.StateException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The state file format: encodes a {@link State} as the current format version and decodes any
 * supported version. Older versions are brought up to date on the JSON tree by a chain of
 * {@link StateUpgrader}s (N to N+1, one step at a time), then read by the one reader of the current
 * version ({@link StateV1Reader}). A version newer than this build supports, invalid JSON or a
 * missing or malformed field is a {@link StateException} whose message names the file and the
 * field.
 */
public final class StateCodec {

    /** The format version {@link #encode} writes. */
    public static final int CURRENT_VERSION = StateV1Reader.VERSION;

    /** The upgraders of released formats; empty while version 1 is the only one. */
    public static final List<StateUpgrader> BUILT_IN_UPGRADERS = List.of();

    private final String lockstepVersion;
    private final Map<Integer, StateUpgrader> upgraders = new TreeMap<>();
    private dev.lockstep.state.crypto.Encryption encryption = dev.lockstep.state.crypto.Encryption.NONE;

    /** A codec with the built-in upgraders, recording {@code lockstepVersion} in what it writes. */
    public StateCodec(String lockstepVersion) {
        this(lockstepVersion, BUILT_IN_UPGRADERS);
    }

    /** A codec with the given upgrader chain (tests use this to exercise the mechanism). */
    public StateCodec(String lockstepVersion, List<StateUpgrader> upgraders) {
        this.lockstepVersion = Objects.requireNonNull(lockstepVersion, "lockstepVersion");
        for (StateUpgrader u : upgraders) {
            if (u.fromVersion() >= CURRENT_VERSION) {
                throw new IllegalArgumentException("an upgrader from version " + u.fromVersion()
                        + " goes past the current version " + CURRENT_VERSION);
            }
            if (this.upgraders.put(u.fromVersion(), u) != null) {
                throw new IllegalArgumentException("two upgraders from version " + u.fromVersion());
            }
        }
    }

    /**
     * The same codec, sealing what it encodes and opening what it decodes with {@code e} (state
     * files, snapshots, chunks): an encrypted document is an envelope whose readable header holds
     * {@code version}, {@code lineage} and {@code serial} (docs/encryption.md).
     */
    public StateCodec withEncryption(dev.lockstep.state.crypto.Encryption e) {
        StateCodec c = new StateCodec(lockstepVersion, List.copyOf(upgraders.values()));
        c.encryption = Objects.requireNonNull(e, "encryption");
        return c;
    }

    /** How this codec encrypts. */
    public dev.lockstep.state.crypto.Encryption encryption() {
        return encryption;
    }

    /** The lockstep version written into every document. */
    public String lockstepVersion() {
        return lockstepVersion;
    }

    /** The oldest format version this codec can read. */
    public int oldestReadableVersion() {
        int v = CURRENT_VERSION;
        while (upgraders.containsKey(v - 1)) {
            v--;
        }
        return v;
    }

    /**
     * The state as a pretty-printed JSON document of the current format version, ending with a
     * newline. Throws IllegalArgumentException if the state holds something that must never be
     * written (an unknown value, or a sensitive value that was not redacted).
     */
    public byte[] encode(State s) {
        byte[] plain = Json.write(true, g -> StateV1Writer.write(s, lockstepVersion, g));
        if (!encryption.encrypts()) {
            return plain;
        }
        Map<String, Object> header = new java.util.LinkedHashMap<>();
        header.put("version", CURRENT_VERSION);
        header.put("lineage", s.lineage());
        header.put("serial", s.serial());
        try {
            return encryption.seal(header, plain);
        } catch (dev.lockstep.state.crypto.EncryptionException e) {
            throw new IllegalStateException("cannot encrypt the state: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a state document of any supported version.
     *
     * @param source the file it came from, for messages (such as {@code .lockstep/state.json})
     */
    public State decode(byte[] bytes, String source) throws StateException {
        if (encryption.isConfigured() || dev.lockstep.state.crypto.Envelope.isEncrypted(bytes)) {
            try {
                bytes = encryption.open(bytes, source).plaintext();
            } catch (dev.lockstep.state.crypto.EncryptionException e) {
                throw new StateException(e.getMessage(), e);
            }
        }
        JsonNode root;
        try {
            root = Json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new StateException(source + " is corrupt: it is not valid JSON (" + e.getOriginalMessage()
                    + location(e) + ")", e);
        } catch (IOException e) {
            throw new StateException("cannot read " + source + ": " + FileProblem.reason(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new StateException(source + " is corrupt: it is not a JSON object");
        }
        ObjectNode doc = (ObjectNode) root;
        try {
            int version = Nodes.smallInteger(doc, "version");
            if (version > CURRENT_VERSION) {
                throw new StateException(source + " has state format version " + version
                        + ", written by a newer lockstep; this lockstep reads versions up to " + CURRENT_VERSION
                        + ". Upgrade lockstep to use this state.");
            }
            while (version < CURRENT_VERSION) {
                StateUpgrader u = upgraders.get(version);
                if (u == null) {
                    throw new StateException(source + " has state format version " + version
                            + ", which this lockstep cannot read (it reads versions " + oldestReadableVersion()
                            + " to " + CURRENT_VERSION + ")");
                }
                doc = u.upgrade(doc);
                int next = Nodes.smallInteger(doc, "version");
                if (next != version + 1) {
                    throw new IllegalStateException("the upgrader from version " + version + " produced version " + next);
                }
                version = next;
            }
            return StateV1Reader.read(doc);
        } catch (FormatException e) {
            throw new StateException(source + " is corrupt or was edited by hand: " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the header of a state document (any version), stopping as soon as it has seen
     * {@code version}, {@code lineage} and {@code serial}.
     */
    public static StateHeader peekHeader(InputStream in, String source) throws StateException {
        Integer version = null;
        String lineage = null;
        Long serial = null;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new StateException(source + " is corrupt: it is not a JSON object");
            }
            JsonToken next;
            while (((next = p.nextToken()) == JsonToken.FIELD_NAME || next == JsonToken.END_OBJECT)
                    && (version == null || lineage == null || serial == null)) {
                if (next == JsonToken.END_OBJECT) {
                    continue;
                }
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("header") && t == JsonToken.START_OBJECT && version == null) {
                    continue; // an encrypted document: its readable header holds the three fields
                }
                if (name.equals("version") && t == JsonToken.VALUE_NUMBER_INT) {
                    version = p.getIntValue();
                } else if (name.equals("lineage") && t == JsonToken.VALUE_STRING) {
                    lineage = p.getText();
                } else if (name.equals("serial") && t == JsonToken.VALUE_NUMBER_INT) {
                    serial = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new StateException(source + " is corrupt: it is not valid JSON (" + e.getOriginalMessage()
                    + location(e) + ")", e);
        } catch (IOException e) {
            throw new StateException("cannot read " + source + ": " + FileProblem.reason(e), e);
        }
        if (version == null || lineage == null || serial == null) {
            throw new StateException(source + " is corrupt: its header (version, lineage, serial) is incomplete");
        }
        return new StateHeader(version, lineage, serial);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
