package org.peerstats.streams.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
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
    void aDayBucketSurvivesTheRoundTripInTwentyFiveBytes() {
        DayBucket bucket = new DayBucket(4, 2, 135, Instant.parse("2026-03-14T23:59:59.999Z").toEpochMilli(), 2);

        byte[] bytes = DayBucketCodec.encode(bucket);

        assertEquals(bucket, DayBucketCodec.decode(bytes));
        assertEquals(25, bytes.length);
        assertEquals(DayBucket.EMPTY, DayBucketCodec.decode(DayBucketCodec.encode(DayBucket.EMPTY)));
    }

    @Test
    void valuesStoredAsJsonBeforeTheCodecsAreStillRead() throws Exception {
        String formerDay = "{\"occurred_at_millis\":[1773500000000,1773503600000,1773503600000],"
                + "\"sessions\":1,\"minutes\":60}";

        assertEquals(SESSION, LedgerEntryCodec.decode(Json.mapper().writeValueAsBytes(SESSION)));
        assertEquals(LedgerEntry.TOMBSTONE, LedgerEntryCodec.decode(Json.mapper().writeValueAsBytes(LedgerEntry.TOMBSTONE)));
        assertEquals(new DayBucket(3, 1, 60, 1_773_503_600_000L, 2),
                DayBucketCodec.decode(formerDay.getBytes(StandardCharsets.UTF_8)));
        assertEquals(DayBucket.EMPTY, DayBucketCodec.decode(
                "{\"occurred_at_millis\":[],\"sessions\":0,\"minutes\":0}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytesNeitherCodecWroteAreRejectedWithTheReason() {
        byte[] entry = LedgerEntryCodec.encode(SESSION);
        byte[] otherVersion = entry.clone();
        otherVersion[0] = 7;
        byte[] bucket = DayBucketCodec.encode(new DayBucket(2, 0, 0, 9L, 1));
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
