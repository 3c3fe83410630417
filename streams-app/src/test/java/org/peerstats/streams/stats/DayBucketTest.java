package org.peerstats.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.ActivityType;

class DayBucketTest {

    private static final LocalDate DAY = LocalDate.parse("2026-03-14");
    private static final LedgerEntry MORNING_SESSION = activity(ActivityType.SESSION, "2026-03-14T08:00:00Z", 60);
    private static final LedgerEntry NOON_CALL = activity(ActivityType.PHONE_CALL, "2026-03-14T12:00:00Z", 15);
    private static final LedgerEntry EVENING_SESSION = activity(ActivityType.SESSION, "2026-03-14T18:30:00Z", 45);
    private static final LedgerEntry EVENING_GROUP = activity(ActivityType.GROUP, "2026-03-14T18:30:00Z", 90);

    private final AtomicInteger ledgerScans = new AtomicInteger();

    @Test
    void sumsTheDayAndKeepsItsLatestTimeInAnyOrderOfArrival() {
        DayBucket inOrder = DayBucket.EMPTY.plus(MORNING_SESSION).plus(NOON_CALL).plus(EVENING_SESSION);
        DayBucket late = DayBucket.EMPTY.plus(EVENING_SESSION).plus(MORNING_SESSION).plus(NOON_CALL);

        assertEquals(inOrder, late);
        assertEquals(new DayBucket(3, 2, 120, millis("2026-03-14T18:30:00Z"), 1), inOrder);
        assertEquals(Optional.of(Instant.parse("2026-03-14T18:30:00Z")), inOrder.latest());
    }

    @Test
    void retractingAnEarlierActivityNeedsNoLedgerScan() {
        DayBucket day = DayBucket.EMPTY.plus(MORNING_SESSION).plus(EVENING_SESSION);

        DayBucket after = day.minus(MORNING_SESSION, ledger(millis("2026-03-14T18:30:00Z")));

        assertEquals(new DayBucket(1, 1, 45, millis("2026-03-14T18:30:00Z"), 1), after);
        assertEquals(0, ledgerScans.get());
    }

    @Test
    void retractingOneOfTwoActivitiesAtTheLatestTimeKeepsThatTimeWithoutAScan() {
        DayBucket day = DayBucket.EMPTY.plus(NOON_CALL).plus(EVENING_SESSION).plus(EVENING_GROUP);

        DayBucket after = day.minus(EVENING_GROUP, ledger());

        assertEquals(new DayBucket(2, 1, 60, millis("2026-03-14T18:30:00Z"), 1), after);
        assertEquals(0, ledgerScans.get());
    }

    @Test
    void retractingTheLastActivityAtTheLatestTimeTakesTheNextLatestFromTheLedger() {
        DayBucket day = DayBucket.EMPTY.plus(MORNING_SESSION).plus(NOON_CALL).plus(EVENING_SESSION);

        DayBucket after = day.minus(EVENING_SESSION,
                ledger(millis("2026-03-14T08:00:00Z"), millis("2026-03-14T12:00:00Z")));

        assertEquals(new DayBucket(2, 1, 75, millis("2026-03-14T12:00:00Z"), 1), after);
        assertEquals(1, ledgerScans.get());
    }

    @Test
    void retractingTheOnlyActivityEmptiesTheDay() {
        DayBucket after = DayBucket.EMPTY.plus(NOON_CALL).minus(NOON_CALL, ledger());

        assertTrue(after.isEmpty());
        assertEquals(Optional.empty(), after.latest());
        assertEquals(0, ledgerScans.get());
    }

    private Supplier<long[]> ledger(long... others) {
        return () -> {
            ledgerScans.incrementAndGet();
            return others;
        };
    }

    private static LedgerEntry activity(ActivityType type, String at, int minutes) {
        return new LedgerEntry("org-nhf-oslo", type, "mentee-1", Instant.parse(at), minutes, DAY, false);
    }

    private static long millis(String at) {
        return Instant.parse(at).toEpochMilli();
    }
}
