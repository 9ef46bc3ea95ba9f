package dev.lockstep.api.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScrubberTest {

    @Test
    void masksEveryKnownValueLongestFirstAndLeavesValuesUnderTheMinimumLength() {
        Scrubber s = new Scrubber().add("hvs.token-1").add("hvs.token-12").add("abc").add("ab").add(null);
        assertEquals("a (sensitive value) b (sensitive value) c (sensitive value) ab",
                s.scrub("a hvs.token-12 b hvs.token-1 c abc ab"),
                "3 characters are masked, 2 are not (they would mask ordinary words)");
        assertEquals(3, Scrubber.MIN_LENGTH);
        assertEquals("(sensitive value)", Scrubber.MASK);
        assertNull(s.scrub(null));
        assertEquals("", s.scrub(""));
    }

    @Test
    void masksTheBase64AndJsonEscapedForms() {
        String secret = "hunter2 \"quoted\"\\ value\n\u0001?>";
        Scrubber s = Scrubber.of(secret);
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        for (String form : List.of(Base64.getEncoder().encodeToString(b),
                Base64.getEncoder().withoutPadding().encodeToString(b),
                Base64.getUrlEncoder().withoutPadding().encodeToString(b),
                "hunter2 \\\"quoted\\\"\\\\ value\\n\\u0001?>")) {
            assertEquals("x=(sensitive value);", s.scrub("x=" + form + ";"), form);
        }
    }

    @Test
    void collectsTheSensitivePartsOfValuesWithTheirLinesAndNumbers() {
        Value secretObject = Value.object(Map.of("password", Value.string("pa55word"),
                "pem", Value.string("-----BEGIN-----\n  line-two-secret  \n-----END-----"),
                "port", Value.number(54321), "flag", Value.TRUE)).markSensitive();
        Value config = Value.object(Map.of("name", Value.string("public-name"), "creds", secretObject,
                "other", Value.string("marked-alone").markSensitive()));
        Scrubber s = Scrubber.ofSensitive(config, null, Value.NULL, Value.unknown(Type.STRING));
        String out = s.scrub("public-name pa55word line-two-secret 54321 marked-alone true");
        assertEquals("public-name (sensitive value) (sensitive value) (sensitive value) (sensitive value) true", out,
                "unmarked values and bools stay");
    }

    @Test
    void withMakesANewScrubberAndLeavesTheOriginal() {
        Scrubber base = Scrubber.of("provider-token");
        Scrubber request = base.with("request-secret").withSensitive(Value.string("marked-value").markSensitive());
        assertEquals("(sensitive value) request-secret marked-value",
                base.scrub("provider-token request-secret marked-value"));
        assertEquals("(sensitive value) (sensitive value) (sensitive value)",
                request.scrub("provider-token request-secret marked-value"));
        assertTrue(new Scrubber().isEmpty());
        assertFalse(base.isEmpty());
    }

    @Test
    void describesCausesOnFirstLinesWithoutWrappersThatRepeatTheirCause() {
        Scrubber s = new Scrubber().add("s3cr3t-key");
        IOException root = new IOException("refused for s3cr3t-key\nsecond line with s3cr3t-key");
        RuntimeException wrapped = new IllegalStateException(new UncheckedIOException(root));
        assertEquals("IOException: refused for (sensitive value)", s.describe(wrapped), "both wrappers only repeat it");
        RuntimeException explained = new IllegalStateException("login failed", new UncheckedIOException("io", root));
        assertEquals("IllegalStateException: login failed; caused by UncheckedIOException: io; caused by "
                + "IOException: refused for (sensitive value)", s.describe(explained));
        assertEquals("IllegalStateException", s.describe(new IllegalStateException()));
    }

    @Test
    void addsAndScrubsConcurrently() throws InterruptedException {
        Scrubber s = new Scrubber();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 400; i++) {
            int n = i;
            pool.submit(() -> {
                s.add("secret-" + n + "-x");
                s.scrub("text secret-" + n + "-x");
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        for (int i = 0; i < 400; i++) {
            assertEquals("text (sensitive value)", s.scrub("text secret-" + i + "-x"));
        }
    }

    @Test
    void theProcessWideRegistryUsesTheSameRules() {
        assertEquals(Scrubber.MASK, SecretScrubber.MASK);
        assertEquals(Scrubber.MIN_LENGTH, SecretScrubber.MIN_LENGTH);
        SecretScrubber.register("zq9");
        SecretScrubber.register(Value.string("line-one-zz\nline-two-zz").markSensitive());
        assertEquals("(sensitive value) (sensitive value) " + Base64.getEncoder().encodeToString(
                "zq".getBytes(StandardCharsets.UTF_8)) + " (sensitive value)",
                SecretScrubber.scrub("zq9 line-two-zz " + Base64.getEncoder().encodeToString(
                        "zq".getBytes(StandardCharsets.UTF_8)) + " "
                        + Base64.getEncoder().encodeToString("zq9".getBytes(StandardCharsets.UTF_8))));
    }
}
