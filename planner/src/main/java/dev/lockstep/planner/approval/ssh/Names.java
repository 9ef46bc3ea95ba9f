package dev.lockstep.planner.approval.ssh;

/** Quoting of untrusted names (key types, namespaces, algorithms) for one-line messages. */
final class Names {

    private static final int MAX = 60;

    private Names() {}

    /**
     * The name in double quotes, with control characters, quotes and backslashes escaped and
     * anything past 60 characters cut off, so that a message stays one readable line.
     */
    static String quote(String name) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(name.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (name.length() > MAX) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
