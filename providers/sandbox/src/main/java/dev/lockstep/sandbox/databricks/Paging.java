package dev.lockstep.sandbox.databricks;

import dev.lockstep.sandbox.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Opaque page tokens over an ordered list, as the token-paged 2.x APIs hand them out. */
final class Paging {
    record Page<T>(List<T> items, Optional<String> next, Optional<String> prev) {}

    private Paging() {}

    static <T> Page<T> page(List<T> all, String token, int size, int max) {
        if (size <= 0 || size > max) {
            size = max;
        }
        int offset = token == null || token.isEmpty() ? 0 : decode(token);
        int from = Math.min(offset, all.size());
        int to = Math.min(from + size, all.size());
        Optional<String> next = to < all.size() ? Optional.of(encode(to)) : Optional.empty();
        Optional<String> prev = from > 0 ? Optional.of(encode(Math.max(0, from - size))) : Optional.empty();
        return new Page<>(List.copyOf(all.subList(from, to)), next, prev);
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith("offset:")) {
                throw bad(token);
            }
            int v = Integer.parseInt(s.substring(7));
            if (v < 0) {
                throw bad(token);
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw bad(token);
        }
    }

    private static HttpError bad(String token) {
        return DatabricksErrors.invalid("Invalid page token: " + token);
    }
}
