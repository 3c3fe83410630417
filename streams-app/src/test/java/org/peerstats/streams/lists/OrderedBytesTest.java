package org.peerstats.streams.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderedBytesTest {

    /** Chars where UTF-8 byte order and String order part ways, prefixes, and a U+0000. */
    static final String[] PIECES = {"A", "a", "Å", "å", "Z", " ", "\u0000", "\u0001", "\uE000", "\uFFFD", "\uFFFF",
            "\uD83D\uDE00", "\uD800", "Ann", "Anna", "ø"};

    /** The same without the lone surrogate, which no JSON document carries through its serde. */
    static final String[] PIECES_OF_VALID_TEXT = java.util.Arrays.stream(PIECES)
            .filter(piece -> !piece.equals("\uD800")).toArray(String[]::new);

    static String randomText(Random random, int maxPieces) {
        return randomText(random, maxPieces, PIECES);
    }

    static String randomText(Random random, int maxPieces, String[] from) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(maxPieces + 1);
        for (int i = 0; i < pieces; i++) {
            text.append(from[random.nextInt(from.length)]);
        }
        return text.toString();
    }

    private static int sign(int comparison) {
        return Integer.signum(comparison);
    }

    private static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Test
    void textsCompareAsStringsDoWhateverTheirChars() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            String a = randomText(random, 4);
            String b = randomText(random, 4);
            assertEquals(sign(a.compareTo(b)), sign(compareBytes(OrderedBytes.key().text(a).build(),
                    OrderedBytes.key().text(b).build())), () -> "'" + a + "' vs '" + b + "'");
        }
    }

    @Test
    void aTextFieldEndsSoTheNextFieldNeverDecidesBeforeIt() {
        // ("A", "z") < ("Ab", "a"): the first field decides although "z" > "a"
        byte[] shorter = OrderedBytes.key().text("A").text("z").build();
        byte[] longer = OrderedBytes.key().text("Ab").text("a").build();
        assertEquals(-1, sign(compareBytes(shorter, longer)));
        // and a U+0000 inside the first field still sorts it after the bare prefix
        byte[] withZero = OrderedBytes.key().text("A\u0000").text("a").build();
        assertEquals(-1, sign(compareBytes(shorter, withZero)));
        assertEquals(-1, sign(compareBytes(withZero, longer)));
    }

    @Test
    void absentTextsSortLast() {
        byte[] present = OrderedBytes.key().textNullsLast("\uFFFF\uFFFF").text("a").build();
        byte[] absent = OrderedBytes.key().textNullsLast(null).text("a").build();
        assertEquals(-1, sign(compareBytes(present, absent)));
    }

    @Test
    void instantsCompareInTimeOrderAcrossTheEpochAndWithinASecond() {
        Random random = new Random(11);
        Instant[] samples = {Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.EPOCH,
                Instant.parse("2026-03-14T00:00:00Z"), Instant.parse("2026-03-14T00:00:00.000000001Z"),
                Instant.MIN, Instant.MAX};
        for (int i = 0; i < 20_000; i++) {
            Instant a = i < 36 ? samples[i / 6] : Instant.ofEpochSecond(random.nextLong() % 5_000_000_000L,
                    random.nextInt(1_000_000_000));
            Instant b = i < 36 ? samples[i % 6] : Instant.ofEpochSecond(random.nextLong() % 5_000_000_000L,
                    random.nextInt(1_000_000_000));
            assertEquals(sign(a.compareTo(b)), sign(compareBytes(OrderedBytes.key().instant(a).build(),
                    OrderedBytes.key().instant(b).build())), () -> a + " vs " + b);
        }
    }
}
