package org.peerstats.gateway.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code dead-letters list} shows of a value someone else wrote: bounded, one line, harmless to a terminal. */
class ExcerptTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aShortValueIsShownWholeWithItsSize() {
        assertEquals("{\"op\":\"upsert\"} (15 bytes)", Excerpt.ofValue(utf8("{\"op\":\"upsert\"}"), 160));
    }

    @Test
    void aLongValueIsCutAtTheBoundAndSaysSo() {
        String excerpt = Excerpt.ofValue(utf8("x".repeat(1_000_000)), 160);

        assertEquals("x".repeat(160) + "… (1000000 bytes)", excerpt);
    }

    @Test
    void controlCharactersAreEscapedSoNothingReachesTheTerminalAsIs() {
        assertEquals("a\\nb\\r\\tc\\u001B[2Jd\\u0000\\u007F (13 bytes)",
                Excerpt.ofValue(utf8("a\nb\r\tc\u001b[2Jd\u0000\u007f"), 160));
    }

    @Test
    void charactersThatReorderOrBreakALineAreEscapedToo() {
        assertEquals("ok\\u202Eevil\\u2028next\\u200B", Excerpt.printable("ok\u202Eevil\u2028next\u200B", 100));
    }

    @Test
    void anEscapeIsNeverCutInTwoNorIsALetterOfTwoChars() {
        assertEquals("ab…", Excerpt.printable("ab\u001bcd", 7), "\\u001B does not fit in the 5 left");
        assertEquals("a…", Excerpt.printable("a\uD83D\uDE00b", 2), "an emoji is two chars; one is left");
        assertEquals("a\uD83D\uDE00…", Excerpt.printable("a\uD83D\uDE00b", 3));
    }

    @Test
    void bytesThatAreNotUtf8AreShownAsReplacementsAndSaidSo() {
        byte[] value = {'{', (byte) 0xC3, '}', (byte) 0xFF};

        assertEquals("{\uFFFD}\uFFFD (4 bytes, not all UTF-8)", Excerpt.ofValue(value, 160));
    }

    @Test
    void aLetterCutByTheReadPrefixOfALargeValueIsNotCalledMalformed() {
        String text = "€".repeat(400_000); // three bytes each: the 44 bytes read for 10 characters end inside one

        String excerpt = Excerpt.ofValue(utf8(text), 10);

        assertEquals("€".repeat(10) + "… (1200000 bytes)", excerpt);
    }

    @Test
    void noValueAndAnEmptyOneAreSaidInWords() {
        assertEquals("(no value)", Excerpt.ofValue(null, 160));
        assertEquals("(0 bytes)", Excerpt.ofValue(new byte[0], 160));
    }

    @Test
    void aValueOfOnlyLineBreaksStaysOnOneLine() {
        String excerpt = Excerpt.ofValue(utf8("\n".repeat(500)), 160);

        assertTrue(excerpt.lines().count() == 1 && excerpt.length() <= 161 + " (500 bytes)".length(), excerpt);
    }
}
