package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * CIDR functions for IPv4 and IPv6: cidrhost, cidrnetmask, cidrsubnet and cidrsubnets, with the
 * arithmetic of Terraform's go-cidr (negative host numbers count back from the end of the
 * range) and addresses printed as Go prints them (RFC 5952 for IPv6).
 */
public final class NetworkFunctions {

    private static final BigInteger UINT64_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private NetworkFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(cidrhost(), cidrnetmask(), cidrsubnet(), cidrsubnets());
    }

    /** A network: its address with host bits cleared, its prefix length and its address width. */
    record Net(BigInteger ip, int prefix, int bits) {
        BigInteger hostMask() {
            return BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        }

        BigInteger last() {
            return ip.or(hostMask());
        }

        boolean contains(BigInteger addr) {
            return addr.shiftRight(bits - prefix).equals(ip.shiftRight(bits - prefix));
        }

        @Override
        public String toString() {
            return format(ip, bits) + "/" + prefix;
        }
    }

    static Function cidrhost() {
        return Function.builder("cidrhost").param("prefix", Type.STRING).param("hostnum", Type.NUMBER)
                .returns(Type.STRING)
                .description("Calculates the full address of the given host number within the network prefix.")
                .body(args -> {
                    BigInteger num = wholeBig(args.get(1));
                    Net net = parseCidr(args.get(0).asString(), -1);
                    BigInteger max = net.hostMask();
                    BigInteger low = num.abs().and(UINT64_MASK);
                    if (num.signum() < 0) {
                        low = num.negate().subtract(BigInteger.ONE);
                        num = max.subtract(low);
                    }
                    if (low.compareTo(max) > 0) {
                        throw new FunctionException("prefix of " + net.prefix() + " does not accommodate the requested host number.");
                    }
                    if (net.bits() == 128 && isV4Mapped(net.ip())) {
                        // go-cidr treats an IPv4-mapped network as 32 bits wide but shifts the host
                        // number over a 128-bit integer; Terraform prints what that yields
                        num = num.shiftLeft(96);
                    }
                    return Value.string(format(toAddress(net.ip().or(num), net.bits()), net.bits()));
                });
    }

    static Function cidrnetmask() {
        return Function.builder("cidrnetmask").param("prefix", Type.STRING).returns(Type.STRING)
                .description("Converts an IPv4 prefix in CIDR notation into a subnet mask address.")
                .body(args -> {
                    Net net = parseCidr(args.get(0).asString(), -1);
                    if (net.bits() != 32) {
                        throw new FunctionException("only IPv4 networks are supported.");
                    }
                    BigInteger mask = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE).xor(net.hostMask());
                    return Value.string(format(mask, 32));
                });
    }

    static Function cidrsubnet() {
        return Function.builder("cidrsubnet").param("prefix", Type.STRING).param("newbits", Type.NUMBER)
                .param("netnum", Type.NUMBER).returns(Type.STRING)
                .description("Calculates a subnet address within the given network prefix.")
                .body(args -> {
                    int newbits = (int) Math.max(Math.min(wholeBig(args.get(1)).longValue(), 1 << 20), -(1 << 20));
                    BigInteger num = wholeBig(args.get(2));
                    Net net = parseCidr(args.get(0).asString(), -1);
                    int newPrefix = net.prefix() + newbits;
                    if (newPrefix > net.bits()) {
                        throw new FunctionException("insufficient address space to extend prefix of " + net.prefix()
                                + " by " + newbits + ".");
                    }
                    if (newbits < 0 || newPrefix < 0) {
                        throw new FunctionException("the number of new bits must not be negative.");
                    }
                    BigInteger maxNet = newbits >= 64 ? UINT64_MASK : BigInteger.ONE.shiftLeft(newbits).subtract(BigInteger.ONE);
                    if (num.abs().and(UINT64_MASK).compareTo(maxNet) > 0) {
                        throw new FunctionException("prefix extension of " + newbits
                                + " does not accommodate the requested subnet number.");
                    }
                    BigInteger ip = toAddress(net.ip().or(num.shiftLeft(net.bits() - newPrefix)), net.bits());
                    return Value.string(new Net(ip, newPrefix, net.bits()).toString());
                });
    }

    static Function cidrsubnets() {
        return Function.builder("cidrsubnets").param("prefix", Type.STRING)
                .varParam(Param.of("newbits", Type.NUMBER)).returns(Type.list(Type.STRING))
                .description("Allocates consecutive subnets of the given sizes within the network prefix.")
                .body(args -> {
                    Net net = parseCidr(args.get(0).asString(), 0);
                    List<Value> lengths = args.subList(1, args.size());
                    if (lengths.isEmpty()) {
                        return Value.emptyList(Type.STRING);
                    }
                    BigInteger full = BigInteger.ONE.shiftLeft(net.bits());
                    int first = net.prefix() + (int) Math.min(wholeArg(lengths.get(0), 1), 1 << 20);
                    Net current = new Net(mask(net.ip().subtract(BigInteger.ONE).mod(full), first, net.bits()),
                            Math.min(first, net.bits()), net.bits());
                    List<Value> out = new ArrayList<>();
                    for (int i = 0; i < lengths.size(); i++) {
                        long ext = wholeArg(lengths.get(i), i + 1);
                        if (ext < 1) {
                            throw new FunctionException(i + 1, "must extend prefix by at least one bit.");
                        }
                        if (ext > 32) {
                            throw new FunctionException(i + 1, "may not extend prefix by more than 32 bits.");
                        }
                        int length = net.prefix() + (int) ext;
                        if (length > net.bits()) {
                            throw new FunctionException(i + 1, "would extend prefix to " + length
                                    + " bits, which is too long for an " + (net.bits() == 32 ? "IPv4" : "IPv6") + " address.");
                        }
                        BigInteger last = mask(current.last(), length, net.bits());
                        Net sub = new Net(last, length, net.bits());
                        BigInteger nextIp = sub.last().add(BigInteger.ONE).mod(full);
                        Net next = new Net(mask(nextIp, length, net.bits()), length, net.bits());
                        if (nextIp.signum() == 0 || !net.contains(next.ip())) {
                            throw new FunctionException(i + 1, "not enough remaining address space for a subnet with a prefix of "
                                    + length + " bits.");
                        }
                        current = next;
                        out.add(Value.string(current.toString()));
                    }
                    return Value.list(Type.STRING, out);
                });
    }

    private static boolean isV4Mapped(BigInteger ip) {
        return ip.shiftRight(32).equals(BigInteger.valueOf(0xFFFF));
    }

    private static BigInteger mask(BigInteger ip, int prefix, int bits) {
        int p = Math.max(0, Math.min(prefix, bits));
        BigInteger host = BigInteger.ONE.shiftLeft(bits - p).subtract(BigInteger.ONE);
        return ip.andNot(host);
    }

    private static long wholeArg(Value v, int arg) throws FunctionException {
        return Args.wholeLong(v, arg);
    }

    private static BigInteger wholeBig(Value v) throws FunctionException {
        try {
            return v.asNumber().toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new FunctionException(Args.NOT_WHOLE);
        }
    }

    /** Go's big.Int.Bytes() of an address computed with two's complement OR: the absolute value. */
    private static BigInteger toAddress(BigInteger v, int bits) {
        BigInteger a = v.abs();
        BigInteger full = BigInteger.ONE.shiftLeft(bits);
        return a.compareTo(full) >= 0 ? a.mod(full) : a;
    }

    /** Parses "address/length" as Terraform's ipaddr.ParseCIDR (leading zeros allowed in IPv4). */
    static Net parseCidr(String s, int argIndex) throws FunctionException {
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new FunctionException(argIndex, "invalid CIDR expression: the address has no prefix length.");
        }
        String addr = s.substring(0, slash);
        String len = s.substring(slash + 1);
        BigInteger ip;
        int bits;
        if (addr.indexOf(':') >= 0) {
            ip = parseIPv6(addr);
            bits = 128;
        } else {
            ip = parseIPv4(addr);
            bits = 32;
        }
        if (ip == null) {
            throw new FunctionException(argIndex, "invalid CIDR expression: the address is not a valid IP address.");
        }
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)
                || Integer.parseInt(len) > bits) {
            throw new FunctionException(argIndex, "invalid CIDR expression: the prefix length is not valid.");
        }
        int prefix = Integer.parseInt(len);
        return new Net(mask(ip, prefix, bits), prefix, bits);
    }

    private static BigInteger parseIPv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int b = Integer.parseInt(p);
            if (b > 255) {
                return null;
            }
            v = v << 8 | b;
        }
        return BigInteger.valueOf(v);
    }

    private static BigInteger parseIPv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        if (dbl >= 0) {
            if (!groups(s.substring(0, dbl), head) || !groups(s.substring(dbl + 2), tail)) {
                return null;
            }
            if (head.size() + tail.size() > 7) {
                return null;
            }
        } else {
            if (!groups(s, head) || head.size() != 8) {
                return null;
            }
        }
        BigInteger v = BigInteger.ZERO;
        List<Integer> all = new ArrayList<>(head);
        for (int i = head.size() + tail.size(); i < 8; i++) {
            all.add(0);
        }
        all.addAll(tail);
        for (int g : all) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return v;
    }

    /** Parses colon-separated hex groups, allowing a trailing dotted IPv4 part (two groups). */
    private static boolean groups(String s, List<Integer> out) {
        if (s.isEmpty()) {
            return true;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                BigInteger v4 = parseIPv4(p);
                if (v4 == null) {
                    return false;
                }
                out.add(v4.intValue() >>> 16);
                out.add(v4.intValue() & 0xFFFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            out.add(Integer.parseInt(p, 16));
        }
        return true;
    }

    /** Go's net.IP.String(): dotted quad, or RFC 5952 compressed IPv6 (IPv4-mapped as dotted quad). */
    static String format(BigInteger ip, int bits) {
        if (bits == 32) {
            long v = ip.longValue();
            return (v >> 24 & 0xFF) + "." + (v >> 16 & 0xFF) + "." + (v >> 8 & 0xFF) + "." + (v & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ip.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF) {
            return format(ip.and(BigInteger.valueOf(0xFFFFFFFFL)), 32);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
