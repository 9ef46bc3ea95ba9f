package dev.lockstep.api.value;

import java.util.Comparator;

/**
 * The order of map keys and object attributes: by Unicode code point, which is also the byte order
 * of their UTF-8 encodings (the order HCL's reference implementation uses).
 */
public enum KeyOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
