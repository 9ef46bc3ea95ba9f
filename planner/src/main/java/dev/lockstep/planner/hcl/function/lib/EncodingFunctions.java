package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Encoding functions: jsonencode, jsondecode, yamlencode, yamldecode, base64encode,
 * base64decode, urlencode, textencodebase64 and textdecodebase64.
 */
public final class EncodingFunctions {

    private EncodingFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(jsonencode(), jsondecode(), yamlencode(), yamldecode(), base64encode(), base64decode(),
                urlencode(), textencodebase64(), textdecodebase64());
    }

    static Function jsonencode() {
        return Function.builder("jsonencode").param(Param.of("val", Type.DYNAMIC).nullable()).returns(Type.STRING)
                .description("Encodes the value as JSON.")
                .body(args -> Value.string(Json.encode(args.get(0))));
    }

    static Function jsondecode() {
        return Function.builder("jsondecode").param("str", Type.STRING).returns(Type.DYNAMIC)
                .description("Decodes a JSON string into the value it represents.")
                .body(args -> Json.decode(args.get(0).asString()));
    }

    static Function yamlencode() {
        return Function.builder("yamlencode").param(Param.of("value", Type.DYNAMIC).nullable()).returns(Type.STRING)
                .description("Encodes the value as YAML.")
                .body(args -> Value.string(YamlEncoder.encode(args.get(0))));
    }

    static Function yamldecode() {
        return Function.builder("yamldecode").param("src", Type.STRING).returns(Type.DYNAMIC)
                .description("Decodes a single-document YAML string into the value it represents.")
                .body(args -> YamlDecoder.decode(args.get(0).asString()));
    }

    static Function base64encode() {
        return Function.builder("base64encode").param("str", Type.STRING).returns(Type.STRING)
                .description("Encodes the UTF-8 bytes of the string as Base64.")
                .body(args -> Value.string(Base64.getEncoder()
                        .encodeToString(args.get(0).asString().getBytes(StandardCharsets.UTF_8))));
    }

    static Function base64decode() {
        return Function.builder("base64decode").param("str", Type.STRING).returns(Type.STRING)
                .description("Decodes Base64 data that holds a UTF-8 string.")
                .body(args -> {
                    byte[] bytes = decodeBase64(args.get(0).asString());
                    if (bytes == null) {
                        throw new FunctionException("failed to decode base64 data.");
                    }
                    String s = decodeStrict(bytes, StandardCharsets.UTF_8);
                    if (s == null) {
                        throw new FunctionException("the result of decoding the provided string is not valid UTF-8.");
                    }
                    return Value.string(s);
                });
    }

    /** Go's {@code base64.StdEncoding.DecodeString}: padding required, CR and LF ignored. */
    static byte[] decodeBase64(String s) {
        String clean = s.replace("\r", "").replace("\n", "");
        if (clean.length() % 4 != 0) {
            return null;
        }
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' && i >= clean.length() - 2;
            if (!ok) {
                return null;
            }
        }
        try {
            return Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decodeStrict(byte[] bytes, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static Function urlencode() {
        return Function.builder("urlencode").param("str", Type.STRING).returns(Type.STRING)
                .description("Escapes the string for use in a URL query, as Go's url.QueryEscape does.")
                .body(args -> {
                    byte[] bytes = args.get(0).asString().getBytes(StandardCharsets.UTF_8);
                    StringBuilder sb = new StringBuilder(bytes.length);
                    for (byte b : bytes) {
                        int c = b & 0xFF;
                        if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                                || c == '.' || c == '~') {
                            sb.append((char) c);
                        } else if (c == ' ') {
                            sb.append('+');
                        } else {
                            sb.append('%').append(String.format("%02X", c));
                        }
                    }
                    return Value.string(sb.toString());
                });
    }

    private static Charset charset(String name) throws FunctionException {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new FunctionException(1, "the given name is not a supported IANA encoding name or alias.");
        }
    }

    static Function textencodebase64() {
        return Function.builder("textencodebase64").param("string", Type.STRING).param("encoding", Type.STRING)
                .returns(Type.STRING)
                .description("Encodes the string in the given character encoding and returns the bytes as Base64.")
                .body(args -> {
                    Charset cs = charset(args.get(1).asString());
                    if (!cs.canEncode()) {
                        throw new FunctionException(1, "the given encoding cannot be used to encode text.");
                    }
                    try {
                        ByteBuffer buf = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .encode(CharBuffer.wrap(args.get(0).asString()));
                        byte[] bytes = new byte[buf.remaining()];
                        buf.get(bytes);
                        return Value.string(Base64.getEncoder().encodeToString(bytes));
                    } catch (CharacterCodingException e) {
                        throw new FunctionException(0, "the given string contains characters that cannot be represented in "
                                + cs.name() + ".");
                    }
                });
    }

    static Function textdecodebase64() {
        return Function.builder("textdecodebase64").param("source", Type.STRING).param("encoding", Type.STRING)
                .returns(Type.STRING)
                .description("Decodes Base64 data and interprets the bytes in the given character encoding.")
                .body(args -> {
                    Charset cs = charset(args.get(1).asString());
                    byte[] bytes = decodeBase64(args.get(0).asString());
                    if (bytes == null) {
                        throw new FunctionException(0, "the given value is not valid base64.");
                    }
                    String s = decodeStrict(bytes, cs);
                    if (s == null) {
                        throw new FunctionException(0, "the given value contains bytes that are not valid in " + cs.name() + ".");
                    }
                    return Value.string(s);
                });
    }
}
