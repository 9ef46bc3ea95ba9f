package dev.lockstep.state.crypto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.state.codec.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The encrypted file format: one compact JSON object on one line, whose header stays readable
 * without the key (see {@code docs/encryption.md}):
 *
 * <pre>{"encrypted":1,"header":{...},"method":"aes_gcm","key_provider":"pbkdf2.main",
 * "key_meta":{...},"nonce":"&lt;base64&gt;","payload":"&lt;base64 of ciphertext and tag&gt;"}</pre>
 *
 * <p>The encoding is canonical (fixed field order, sorted header and metadata keys, no whitespace,
 * standard padded base64) and {@link #parse} accepts nothing else, so every byte of a stored
 * envelope matters: the fields before {@code nonce} are the AES-GCM additional authenticated data
 * ({@link #aad()}), the nonce and payload are the cipher's input, and a document that parses to
 * the same values with other bytes is refused as damaged. It contains no newline (JSON escapes
 * them inside strings), so an envelope is usable as one line of a journal; a single trailing
 * {@code \n} after it is accepted on reading.
 */
public record Envelope(Map<String, Object> header, String method, String keyProvider, Map<String, Object> keyMeta,
        byte[] nonce, byte[] payload) {

    /** The envelope format version, the value of {@code "encrypted"}. */
    public static final int FORMAT = 1;

    private static final List<String> FIELDS =
            List.of("encrypted", "header", "method", "key_provider", "key_meta", "nonce", "payload");
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);
    private static final List<byte[]> SIGNATURES = FIELDS.stream()
            .map(f -> ("\"" + f + "\":").getBytes(StandardCharsets.US_ASCII)).toList();

    public Envelope {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(keyProvider, "keyProvider");
        header = Scalars.normalize(header, "header");
        keyMeta = Scalars.normalize(keyMeta, "key_meta");
        nonce = nonce.clone();
        payload = payload.clone();
    }

    /** A copy of the nonce. */
    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** A copy of the payload (ciphertext followed by the authentication tag). */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The stored form: canonical compact JSON, no trailing newline. */
    public byte[] toBytes() {
        return Json.write(false, g -> {
            writeAuthenticated(g);
            g.writeStringField("nonce", Base64.getEncoder().encodeToString(nonce));
            g.writeStringField("payload", Base64.getEncoder().encodeToString(payload));
            g.writeEndObject();
        });
    }

    /**
     * The additional authenticated data: the canonical bytes of the envelope without its nonce and
     * payload, {@code {"encrypted":1,"header":{...},"method":...,"key_provider":...,"key_meta":{...}}}.
     */
    public byte[] aad() {
        return aad(header, method, keyProvider, keyMeta);
    }

    static byte[] aad(Map<String, Object> header, String method, String keyProvider, Map<String, Object> keyMeta) {
        return new Envelope(header, method, keyProvider, keyMeta, new byte[0], new byte[0]).authenticatedBytes();
    }

    private byte[] authenticatedBytes() {
        return Json.write(false, g -> {
            writeAuthenticated(g);
            g.writeEndObject();
        });
    }

    private void writeAuthenticated(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("encrypted", FORMAT);
        g.writeFieldName("header");
        Scalars.write(g, header);
        g.writeStringField("method", method);
        g.writeStringField("key_provider", keyProvider);
        g.writeFieldName("key_meta");
        Scalars.write(g, keyMeta);
    }

    /**
     * Whether {@code bytes} is an envelope (possibly a damaged one) rather than a plain JSON state
     * or plan: a JSON object with one of the envelope's field names at its top level (an envelope
     * has {@code "encrypted"} first, so this stops at its first field; plain documents have none of
     * them and are tokenized once without building a tree), or, when the bytes are not JSON at
     * all, bytes that still carry at least two of those field names as {@code "name":}, which one
     * damaged byte cannot take from an envelope.
     */
    public static boolean isEncrypted(byte[] bytes) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return signatures(bytes) >= 2;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (FIELD_SET.contains(p.currentName())) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return signatures(bytes) >= 2;
        }
    }

    private static int signatures(byte[] bytes) {
        int n = 0;
        for (byte[] s : SIGNATURES) {
            if (indexOf(bytes, s) >= 0) {
                n++;
            }
        }
        return n;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The header of an envelope, read without a key. */
    public static Map<String, Object> header(byte[] bytes) throws EncryptionException {
        return header(bytes, "the encrypted file");
    }

    /** The header of an envelope, read without a key; {@code what} names the file in messages. */
    public static Map<String, Object> header(byte[] bytes, String what) throws EncryptionException {
        return parse(bytes, what).header();
    }

    /**
     * Reads an envelope, refusing anything that is not exactly the canonical encoding of one.
     * {@code what} names the file in messages.
     */
    public static Envelope parse(byte[] bytes, String what) throws EncryptionException {
        byte[] body = bytes.length > 0 && bytes[bytes.length - 1] == '\n'
                ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw damaged(what, "it is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw damaged(what, "it is not a JSON object");
        }
        JsonNode version = root.get("encrypted");
        if (version != null && version.isIntegralNumber() && version.bigIntegerValue().signum() > 0
                && version.intValue() != FORMAT) {
            throw new EncryptionException(what + " is encrypted in envelope format " + version.asText()
                    + ", which this lockstep does not know (it reads format " + FORMAT
                    + "); use the lockstep version that wrote it.");
        }
        if (version == null || !version.isIntegralNumber() || version.intValue() != FORMAT) {
            throw damaged(what, "field \"encrypted\" is not " + FORMAT);
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELD_SET.contains(f)) {
                throw damaged(what, "it has an unknown field");
            }
        }
        Map<String, Object> header = Scalars.read(root.get("header"));
        if (header == null) {
            throw damaged(what, "field \"header\" is missing or not a flat object");
        }
        String method = text(root, "method", what);
        String keyProvider = text(root, "key_provider", what);
        Map<String, Object> keyMeta = Scalars.read(root.get("key_meta"));
        if (keyMeta == null) {
            throw damaged(what, "field \"key_meta\" is missing or not a flat object");
        }
        byte[] nonce = base64(text(root, "nonce", what), "nonce", what);
        byte[] payload = base64(text(root, "payload", what), "payload", what);
        Envelope e = new Envelope(header, method, keyProvider, keyMeta, nonce, payload);
        if (!Arrays.equals(e.toBytes(), body)) {
            throw damaged(what, "it is not in the canonical form lockstep writes");
        }
        return e;
    }

    private static String text(JsonNode root, String field, String what) throws EncryptionException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw damaged(what, "field \"" + field + "\" is missing or not a string");
        }
        return n.textValue();
    }

    private static byte[] base64(String text, String field, String what) throws EncryptionException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw damaged(what, "field \"" + field + "\" is not base64");
        }
    }

    private static EncryptionException damaged(String what, String why) {
        return new EncryptionException(what + " is an encrypted file but is damaged (" + why
                + "); restore it from a snapshot or backup.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && header.equals(e.header) && method.equals(e.method)
                && keyProvider.equals(e.keyProvider) && keyMeta.equals(e.keyMeta)
                && Arrays.equals(nonce, e.nonce) && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return ((header.hashCode() * 31 + keyProvider.hashCode()) * 31 + keyMeta.hashCode()) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Envelope[method=" + method + ", key_provider=" + keyProvider + ", header=" + header + ", key_meta="
                + keyMeta + ", payload=" + payload.length + " bytes]";
    }
}
