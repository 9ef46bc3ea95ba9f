package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Hash functions over the UTF-8 bytes of a string (md5, sha1, sha256, sha512, base64sha256,
 * base64sha512) and {@code uuid}, which is impure: while planning it is unknown.
 */
public final class CryptoFunctions {

    private CryptoFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all(FunctionContext ctx) {
        return List.of(hex("md5", "MD5"), hex("sha1", "SHA-1"), hex("sha256", "SHA-256"), hex("sha512", "SHA-512"),
                base64("base64sha256", "SHA-256"), base64("base64sha512", "SHA-512"), uuid(ctx));
    }

    /** The digest of some bytes with a JDK algorithm every Java runtime has. */
    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    private static Function hex(String name, String algorithm) {
        return Function.builder(name).param("str", Type.STRING).returns(Type.STRING)
                .description("Computes the " + algorithm + " hash of the string, as hexadecimal.")
                .body(args -> Value.string(HexFormat.of().formatHex(
                        digest(algorithm, args.get(0).asString().getBytes(StandardCharsets.UTF_8)))));
    }

    private static Function base64(String name, String algorithm) {
        return Function.builder(name).param("str", Type.STRING).returns(Type.STRING)
                .description("Computes the " + algorithm + " hash of the string, as Base64.")
                .body(args -> Value.string(Base64.getEncoder().encodeToString(
                        digest(algorithm, args.get(0).asString().getBytes(StandardCharsets.UTF_8)))));
    }

    static Function uuid(FunctionContext ctx) {
        return Function.builder("uuid").returns(Type.STRING)
                .description("Generates a random version 4 UUID; unknown until apply.")
                .body(args -> ctx.impureUnknown() ? Value.unknown(Type.STRING)
                        : Value.string(UUID.randomUUID().toString()));
    }
}
