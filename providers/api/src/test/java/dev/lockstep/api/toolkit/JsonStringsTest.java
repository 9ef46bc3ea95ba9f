package dev.lockstep.api.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("plain text é ✓", JsonStrings.escape("plain text é ✓"));
        assertEquals("a\\\"b\\\\c", JsonStrings.escape("a\"b\\c"));
        assertEquals("\\n\\r\\t\\b\\f\\u0000\\u001F\\u0007", JsonStrings.escape("\n\r\t\b\f\u0000\u001f\u0007"),
                "as Jackson's JsonStringEncoder writes them");
        assertEquals("/ < > \u007f", JsonStrings.escape("/ < > \u007f"), "as Jackson: no escape for these");
    }
}
