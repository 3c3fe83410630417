package org.peerstats.streams.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.serde.Json;

class StoredFormCodecsTest {

    private static final LedgerEntry SESSION = new LedgerEntry("org-nhf-oslo", ActivityType.SESSION, "mentee-ø-1",
            Instant.parse("2026-03-14T17:30:00.123456789Z"), 45, LocalDate.parse("2026-03-14"), false);

    @Test
    void aLedgerEntrySurvivesTheRoundTrip() {
        assertEquals(SESSION, LedgerEntryCodec.decode(LedgerEntryCodec.encode(SESSION)));
        LedgerEntry call = new LedgerEntry(null, ActivityType.PHONE_CALL, null, Instant.parse("2026-03-14T08:00:00Z"),
                0, LocalDate.parse("2026-03-14"), false);
        assertEquals(call, LedgerEntryCodec.decode(LedgerEntryCodec.encode(call)));
    }

    @Test
    void theTombstoneStaysATombstoneInAFewBytes() {
        byte[] bytes = LedgerEntryCodec.encode(LedgerEntry.TOMBSTONE);

        assertEquals(LedgerEntry.TOMBSTONE, LedgerEntryCodec.decode(bytes));
        assertEquals(1 + 1 + 3 + 1 + 4 + 1, bytes.length);
    }

    @Test
    void aLedgerEntryTakesItsFieldsBytesAndLessThanHalfItsJson() throws Exception {
        int json = Json.mapper().writeValueAsBytes(SESSION).length;
        int binary = LedgerEntryCodec.encode(SESSION).length;

        // version, deleted, organisation (1 + 2 + 12), type (1 + 2 + 7), mentee (1 + 2 + 11: 'ø' takes
        // two bytes), occurred at (1 + 12), duration, day (1 + 4)
        assertEquals(1 + 1 + 15 + 10 + 14 + 13 + 4 + 5, binary);
        assertTrue(binary * 2 < json, binary + " binary bytes against " + json + " of JSON");
    }

    @Test
    void aDayBucketKeepsItsSortedTimesAndSums() {
        long first = Instant.parse("2026-03-14T00:00:00.001Z").toEpochMilli();
        DayBucket bucket = new DayBucket(List.of(first, first, first + 3_600_000, first + 86_399_998), 2, 135);

        DayBucket back = DayBucketCodec.decode(DayBucketCodec.encode(bucket));

        assertEquals(bucket, back);
        assertEquals(List.of(first, first, first + 3_600_000, first + 86_399_998), back.occurredAtMillis());
        assertEquals(DayBucket.EMPTY, DayBucketCodec.decode(DayBucketCodec.encode(DayBucket.EMPTY)));
        assertEquals(1 + 4 + 4 + 4 + 8 + 3 * 4, DayBucketCodec.encode(bucket).length);
    }

    @Test
    void valuesStoredAsJsonBeforeTheCodecsAreStillRead() throws Exception {
        DayBucket bucket = new DayBucket(List.of(1_773_500_000_000L, 1_773_503_600_000L), 1, 60);

        assertEquals(SESSION, LedgerEntryCodec.decode(Json.mapper().writeValueAsBytes(SESSION)));
        assertEquals(LedgerEntry.TOMBSTONE, LedgerEntryCodec.decode(Json.mapper().writeValueAsBytes(LedgerEntry.TOMBSTONE)));
        assertEquals(bucket, DayBucketCodec.decode(Json.mapper().writeValueAsBytes(bucket)));
    }

    @Test
    void bytesNeitherCodecWroteAreRejectedWithTheReason() {
        byte[] entry = LedgerEntryCodec.encode(SESSION);
        byte[] otherVersion = entry.clone();
        otherVersion[0] = 7;
        byte[] bucket = DayBucketCodec.encode(new DayBucket(List.of(5L, 9L), 0, 0));
        byte[] longer = Arrays.copyOf(bucket, bucket.length + 2);

        assertEquals("unknown ledger entry version 7",
                assertThrows(IllegalArgumentException.class, () -> LedgerEntryCodec.decode(otherVersion)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LedgerEntryCodec.decode(Arrays.copyOf(entry, entry.length - 3)));
        assertEquals("day bucket has 2 trailing bytes",
                assertThrows(IllegalArgumentException.class, () -> DayBucketCodec.decode(longer)).getMessage());
        assertEquals("empty day bucket",
                assertThrows(IllegalArgumentException.class, () -> DayBucketCodec.decode(new byte[0])).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DayBucketCodec.decode("{\"sessions\":".getBytes(StandardCharsets.UTF_8))).getMessage()
                .startsWith("corrupt JSON day bucket"));
        assertArrayEquals(bucket, DayBucketCodec.encode(DayBucketCodec.decode(bucket)));
    }
}
