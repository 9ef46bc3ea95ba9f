package dev.lockstep.planner.approval.ssh;

import java.util.Base64;

/**
 * The PEM-like armor OpenSSH puts around binary blobs ({@code -----BEGIN SSH SIGNATURE-----},
 * {@code -----BEGIN OPENSSH PRIVATE KEY-----}): base64 in lines of 70 characters, each ending in a
 * newline, between a BEGIN and an END line, as {@code sshbuf_dtob64} writes it.
 */
final class Armor {

    /** The line width of the base64 body, as OpenSSH writes it. */
    static final int LINE = 70;

    private Armor() {}

    static String begin(String label) {
        return "-----BEGIN " + label + "-----";
    }

    static String end(String label) {
        return "-----END " + label + "-----";
    }

    /** The armored text, ending in a newline. */
    static String armor(String label, byte[] data) {
        String b64 = Base64.getEncoder().encodeToString(data);
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / LINE + 64);
        sb.append(begin(label)).append('\n');
        for (int i = 0; i < b64.length(); i += LINE) {
            sb.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        }
        return sb.append(end(label)).append('\n').toString();
    }

    /**
     * The bytes inside the armor. Whitespace around the whole text and line breaks (LF or CRLF)
     * inside the body are allowed; anything else outside the BEGIN and END lines is an error.
     *
     * @param what what the text should be, for messages ("the signature")
     */
    static byte[] dearmor(String text, String label, String what) throws SshFormatException {
        String t = text.strip();
        if (!t.startsWith(begin(label))) {
            throw new SshFormatException(what + " does not start with " + begin(label));
        }
        int endAt = t.indexOf(end(label));
        if (endAt < 0) {
            throw new SshFormatException(what + " has no " + end(label) + " line");
        }
        if (endAt + end(label).length() != t.length()) {
            throw new SshFormatException(what + " has text after its " + end(label) + " line");
        }
        String body = t.substring(begin(label).length(), endAt);
        if (!body.startsWith("\n") && !body.startsWith("\r\n")) {
            throw new SshFormatException(what + " has text after " + begin(label) + " on the same line");
        }
        StringBuilder b64 = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\n' && c != '\r') {
                b64.append(c);
            }
        }
        if (b64.length() == 0) {
            throw new SshFormatException(what + " is empty between its BEGIN and END lines");
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new SshFormatException(what + " is not valid base64 between its BEGIN and END lines");
        }
    }
}
