package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class MentorScopedKeyTest {

    private static Bytes bytes(String mentor, String id) {
        return Bytes.wrap(MentorScopedKey.SERDE.serializer().serialize("any", new MentorScopedKey(mentor, id)));
    }

    private static MentorScopedKey roundTrip(MentorScopedKey key) {
        byte[] serialized = MentorScopedKey.SERDE.serializer().serialize("any", key);
        return MentorScopedKey.SERDE.deserializer().deserialize("any", serialized);
    }

    /** The ids in {@code store} that a range scan over {@code mentor}'s days returns, in order. */
    private static List<String> dayRangeOf(TreeMap<Bytes, String> store, String mentor) {
        return new ArrayList<>(store.subMap(bytes(mentor, LocalDate.MIN.toString()), true,
                bytes(mentor, "9999-12-31"), true).values());
    }

    @Test
    void keysSurviveARoundTrip() {
        for (MentorScopedKey key : List.of(new MentorScopedKey("pm-1", "2026-03-14"),
                new MentorScopedKey("pm-1", "activity-with-ø-and-emoji-\uD83D\uDE00"),
                new MentorScopedKey("pm-ærlig", ""),
                new MentorScopedKey("", "a1"))) {
            assertEquals(key, roundTrip(key));
        }
    }

    @Test
    void theLayoutIsALengthPrefixedMentorFollowedByTheId() {
        byte[] serialized = MentorScopedKey.SERDE.serializer().serialize("any", new MentorScopedKey("pm-1", "a9"));

        assertArrayEquals(new byte[] {0, 0, 0, 4, 'p', 'm', '-', '1', 'a', '9'}, serialized);
    }

    @Test
    void theLengthPrefixCountsUtf8BytesNotCharacters() {
        byte[] serialized = MentorScopedKey.SERDE.serializer().serialize("any", new MentorScopedKey("pmø", "x"));

        assertEquals(4, serialized[3]);
        assertEquals(new MentorScopedKey("pmø", "x"), roundTrip(new MentorScopedKey("pmø", "x")));
    }

    @Test
    void nullSerializesToNullAndBack() {
        assertNull(MentorScopedKey.SERDE.serializer().serialize("any", null));
        assertNull(MentorScopedKey.SERDE.deserializer().deserialize("any", null));
    }

    @Test
    void aKeyWhoseLengthPrefixOverrunsTheBytesIsRejected() {
        byte[] corrupt = {0, 0, 0, 9, 'p', 'm'};

        SerializationException error = assertThrows(SerializationException.class,
                () -> MentorScopedKey.SERDE.deserializer().deserialize("any", corrupt));
        assertEquals("corrupt mentor-scoped key of 6 bytes", error.getMessage());
    }

    @Test
    void aKeyWithANegativeLengthPrefixIsRejected() {
        byte[] corrupt = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'p'};

        assertThrows(SerializationException.class,
                () -> MentorScopedKey.SERDE.deserializer().deserialize("any", corrupt));
    }

    @Test
    void keysOfOneMentorSortByIdAndIsoDatesSortByDate() {
        List<String> ids = List.of("2025-12-31", "2026-01-01", "2026-01-09", "2026-01-10", "2026-02-28",
                "2026-10-25", "2026-11-01", "2027-01-01");
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(bytes("pm-1", ids.get(i - 1)).compareTo(bytes("pm-1", ids.get(i))) < 0,
                    ids.get(i - 1) + " sorts before " + ids.get(i));
        }
        assertTrue(bytes("pm-1", "a").compareTo(bytes("pm-1", "ab")) < 0);
        assertTrue(bytes("pm-1", LocalDate.MIN.toString()).compareTo(bytes("pm-1", "0000-01-01")) < 0);
    }

    @Test
    void aMentorsRangeNeverIncludesAMentorWhoseIdStartsWithTheFirst() {
        TreeMap<Bytes, String> store = new TreeMap<>();
        for (String mentor : List.of("pm-1", "pm-10", "pm-1-2", "pm-2", "pm-", "pm-100")) {
            for (String day : List.of("2026-03-01", "2026-03-02", "0000-01-01", "9999-12-31")) {
                store.put(bytes(mentor, day), mentor + "/" + day);
            }
        }

        assertEquals(List.of("pm-1/0000-01-01", "pm-1/2026-03-01", "pm-1/2026-03-02", "pm-1/9999-12-31"),
                dayRangeOf(store, "pm-1"));
        assertEquals(List.of("pm-10/0000-01-01", "pm-10/2026-03-01", "pm-10/2026-03-02", "pm-10/9999-12-31"),
                dayRangeOf(store, "pm-10"));
        assertEquals(List.of("pm-/0000-01-01", "pm-/2026-03-01", "pm-/2026-03-02", "pm-/9999-12-31"),
                dayRangeOf(store, "pm-"));
    }

    @Test
    void everyKeyOfALongerMentorIdSortsAfterEveryKeyOfAShorterOne() {
        // "pm-1" + "0..." would equal "pm-10" + "..." without the length prefix.
        assertTrue(bytes("pm-1", "0-9999").compareTo(bytes("pm-10", "-")) < 0);
        assertTrue(bytes("pm-1", "\uFFFF").compareTo(bytes("pm-10", "")) < 0);
        String concatenated = new String(bytes("pm-1", "0x").get(), 4, 6, StandardCharsets.UTF_8);
        assertEquals("pm-10x", concatenated);
    }
}
