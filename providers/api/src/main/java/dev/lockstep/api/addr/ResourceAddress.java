package dev.lockstep.api.addr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The address of a resource instance, such as {@code kubernetes_role.reader["a"]},
 * {@code data.vault_kv_secret.db} or {@code module.team.databricks_job.etl[0]}. {@link #parse}
 * and {@link #toString} round-trip.
 *
 * @param modulePath enclosing module calls, outermost first; empty for the root module
 * @param mode managed resource or data source
 * @param type resource type, such as {@code kubernetes_role}
 * @param name resource name from the configuration
 * @param key instance key, or {@link InstanceKey#NONE}
 */
public record ResourceAddress(List<ModuleStep> modulePath, ResourceMode mode, String type, String name,
        InstanceKey key) implements Comparable<ResourceAddress> {

    /** One {@code module.NAME[KEY]} step. */
    public record ModuleStep(String name, InstanceKey key) {
        @Override
        public String toString() {
            return "module." + name + key.suffix();
        }
    }

    private static final Comparator<ResourceAddress> ORDER = Comparator
            .comparing((ResourceAddress a) -> a.modulePath.toString())
            .thenComparing(a -> a.mode)
            .thenComparing(a -> a.type)
            .thenComparing(a -> a.name)
            .thenComparing(a -> a.key);

    public ResourceAddress {
        modulePath = List.copyOf(modulePath);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(type);
        Objects.requireNonNull(name);
        Objects.requireNonNull(key);
    }

    public static ResourceAddress managed(String type, String name) {
        return new ResourceAddress(List.of(), ResourceMode.MANAGED, type, name, InstanceKey.NONE);
    }

    public static ResourceAddress data(String type, String name) {
        return new ResourceAddress(List.of(), ResourceMode.DATA, type, name, InstanceKey.NONE);
    }

    public ResourceAddress withKey(InstanceKey k) {
        return new ResourceAddress(modulePath, mode, type, name, k);
    }

    /** The address of the resource as configured, without an instance key. */
    public ResourceAddress withoutKey() {
        return key instanceof InstanceKey.None ? this : withKey(InstanceKey.NONE);
    }

    public boolean isData() {
        return mode == ResourceMode.DATA;
    }

    /**
     * Parses an address; throws {@link IllegalArgumentException} with a user-facing message when
     * the text is not one.
     */
    public static ResourceAddress parse(String text) {
        Scanner s = new Scanner(text);
        List<ModuleStep> modules = new ArrayList<>();
        ResourceMode mode = ResourceMode.MANAGED;
        while (true) {
            String word = s.ident();
            if (word.equals("module")) {
                s.expect('.');
                String name = s.ident();
                modules.add(new ModuleStep(name, s.key()));
                s.expect('.');
                continue;
            }
            if (word.equals("data")) {
                s.expect('.');
                mode = ResourceMode.DATA;
                word = s.ident();
            }
            s.expect('.');
            String name = s.ident();
            InstanceKey key = s.key();
            s.end();
            return new ResourceAddress(modules, mode, word, name, key);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (ModuleStep m : modulePath) {
            sb.append(m).append('.');
        }
        if (mode == ResourceMode.DATA) {
            sb.append("data.");
        }
        return sb.append(type).append('.').append(name).append(key.suffix()).toString();
    }

    @Override
    public int compareTo(ResourceAddress o) {
        return ORDER.compare(this, o);
    }

    /** A tiny scanner for the address syntax. */
    private static final class Scanner {
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        private IllegalArgumentException bad(String what) {
            return new IllegalArgumentException("Invalid resource address \"" + s + "\": " + what
                    + " at character " + (i + 1) + ". Addresses look like type.name, type.name[0], "
                    + "type.name[\"key\"] or data.type.name.");
        }

        String ident() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                    || s.charAt(i) == '-')) {
                i++;
            }
            if (start == i || Character.isDigit(s.charAt(start)) || s.charAt(start) == '-') {
                throw bad("expected a name");
            }
            return s.substring(start, i);
        }

        void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw bad("expected '" + c + "'");
            }
            i++;
        }

        InstanceKey key() {
            if (i >= s.length() || s.charAt(i) != '[') {
                return InstanceKey.NONE;
            }
            i++;
            InstanceKey k;
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                StringBuilder sb = new StringBuilder();
                while (true) {
                    if (i >= s.length()) {
                        throw bad("unterminated string key");
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= s.length()) {
                            throw bad("unterminated escape");
                        }
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n':
                                sb.append('\n');
                                break;
                            case 'r':
                                sb.append('\r');
                                break;
                            case 't':
                                sb.append('\t');
                                break;
                            case 'u':
                                if (i + 4 > s.length()) {
                                    throw bad("bad \\u escape");
                                }
                                try {
                                    sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                                } catch (NumberFormatException ex) {
                                    throw bad("bad \\u escape");
                                }
                                i += 4;
                                break;
                            default:
                                sb.append(e);
                        }
                    } else {
                        sb.append(c);
                    }
                }
                k = InstanceKey.of(sb.toString());
            } else {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    throw bad("expected a number or a quoted string key");
                }
                try {
                    k = InstanceKey.of(Integer.parseInt(s.substring(start, i)));
                } catch (NumberFormatException ex) {
                    throw bad("index too large");
                }
            }
            expect(']');
            return k;
        }

        void end() {
            if (i != s.length()) {
                throw bad("unexpected text");
            }
        }
    }
}
