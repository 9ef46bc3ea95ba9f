package dev.lockstep.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ScrubberTest {

    @Test
    void masksEveryKnownValueLongestFirst() {
        Scrubber s = new Scrubber().add("hvs.token-1").add("hvs.token-12").add("abc").add(null);
        assertEquals("a (redacted) b (redacted) c abc", s.scrub("a hvs.token-12 b hvs.token-1 c abc"),
                "values under 4 characters are not masked (they would mask ordinary words)");
        assertNull(s.scrub(null));
    }

    @Test
    void describesCausesOnFirstLinesWithoutWrappersThatRepeatTheirCause() {
        Scrubber s = new Scrubber().add("s3cr3t-key");
        IOException root = new IOException("refused for s3cr3t-key\nsecond line with s3cr3t-key");
        RuntimeException wrapped = new IllegalStateException(new UncheckedIOException(root));
        assertEquals("IOException: refused for (redacted)", s.describe(wrapped), "both wrappers only repeat it");
        RuntimeException explained = new IllegalStateException("login failed", new UncheckedIOException("io", root));
        assertEquals("IllegalStateException: login failed; caused by UncheckedIOException: io; caused by "
                + "IOException: refused for (redacted)", s.describe(explained));
        assertEquals("IllegalStateException", s.describe(new IllegalStateException()));
    }
}
