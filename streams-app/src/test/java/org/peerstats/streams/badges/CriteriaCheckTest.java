package org.peerstats.streams.badges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.stats.CalendarPeriod;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.DayChanges;
import org.peerstats.streams.stats.MentorStats;

/** Windowed criteria decided from the cheapest sure source: what each evaluation reads of the mentor's days. */
class CriteriaCheckTest {

    private static final String MENTOR = "pm-kari-001";
    private static final BadgeCriteria THREE_IN_A_WEEK = BadgeCriteria.windowed("activity_count",
            BigDecimal.valueOf(3), CalendarPeriod.WEEK);

    /** Day buckets in a map, recording every read. */
    private static final class Days implements ActivityDays {
        final TreeMap<LocalDate, DayBucket> buckets = new TreeMap<>();
        final List<String> reads = new ArrayList<>();

        Days with(String day, int activities) {
            buckets.put(LocalDate.parse(day), new DayBucket(activities, activities, 30 * activities, 0, 0));
            return this;
        }

        @Override
        public void forEachDay(String mentorId, LocalDate from, LocalDate to, BiConsumer<LocalDate, DayBucket> action) {
            reads.add(from + ".." + to);
            buckets.subMap(from, true, to, true).forEach(action);
        }

        @Override
        public void forEachDay(String mentorId, BiConsumer<LocalDate, DayBucket> action) {
            reads.add("all");
            buckets.forEach(action);
        }
    }

    private static MentorStats stats(long activities) {
        return new MentorStats(MENTOR, "org", activities, activities, 1, 1.0, 60, 0, List.of(), null, 0, null, 0,
                Instant.parse("2026-03-30T12:00:00Z"));
    }

    private static DayChanges raised(String... days) {
        return new DayChanges(Set.of(days).stream().map(LocalDate::parse).collect(java.util.stream.Collectors.toSet()),
                Set.of(), false);
    }

    private static DayChanges lowered(String day) {
        return new DayChanges(Set.of(), Set.of(LocalDate.parse(day)), false);
    }

    @Test
    void withoutAMemoEveryDayIsReadOnceAndTheBestWeekDecides() {
        Days days = new Days().with("2026-03-09", 1).with("2026-03-11", 1).with("2026-03-15", 1).with("2026-03-16", 2);
        CriteriaCheck.Result result = CriteriaCheck.evaluate(THREE_IN_A_WEEK, stats(5), null, raised("2026-03-15"), days);
        assertTrue(result.met());
        assertNull(result.failure());
        assertEquals(List.of("all"), days.reads);
        assertEquals(new WindowMemo(WindowMemo.fingerprint(THREE_IN_A_WEEK), 1L), result.memo());
    }

    @Test
    void aReachedWindowStaysReachedWithoutAReadUntilADayIsLowered() {
        Days days = new Days().with("2026-03-09", 3);
        WindowMemo reached = new WindowMemo(WindowMemo.fingerprint(THREE_IN_A_WEEK), 1L);
        CriteriaCheck.Result raised = CriteriaCheck.evaluate(THREE_IN_A_WEEK, stats(4), reached,
                raised("2026-04-01"), days);
        assertTrue(raised.met());
        assertEquals(List.of(), days.reads);

        days.with("2026-03-09", 2);
        CriteriaCheck.Result afterDelete = CriteriaCheck.evaluate(THREE_IN_A_WEEK, stats(3), reached,
                lowered("2026-03-09"), days);
        assertFalse(afterDelete.met());
        assertEquals("activity_count in one week is at most 2, below 3", afterDelete.failure());
        assertEquals(List.of("all"), days.reads);
        assertEquals(0L, afterDelete.memo().reached());
    }

    @Test
    void anUnreachedWindowReadsOnlyThePeriodsOfTheRaisedDays() {
        Days days = new Days().with("2026-01-05", 2).with("2026-03-09", 2).with("2026-03-31", 1);
        WindowMemo unreached = new WindowMemo(WindowMemo.fingerprint(THREE_IN_A_WEEK), 0L);
        CriteriaCheck.Result result = CriteriaCheck.evaluate(THREE_IN_A_WEEK, stats(5), unreached,
                raised("2026-03-31", "2026-01-05"), days);
        assertFalse(result.met());
        assertEquals(List.of("2026-01-05..2026-01-11", "2026-03-30..2026-04-05"), days.reads);
        assertEquals("no week has activity_count of at least 3", result.failure(),
                "without a full pass the best week is not known, only that none reaches 3");

        days.with("2026-03-10", 1);
        days.reads.clear();
        assertTrue(CriteriaCheck.evaluate(THREE_IN_A_WEEK, stats(6), unreached, raised("2026-03-10"), days).met());
        assertEquals(List.of("2026-03-09..2026-03-15"), days.reads);
    }

    @Test
    void aChangedDefinitionOrUnknownDaysReadEverythingAgain() {
        Days days = new Days().with("2026-03-09", 3);
        WindowMemo forOtherCriteria = new WindowMemo(WindowMemo.fingerprint(
                BadgeCriteria.windowed("activity_count", BigDecimal.valueOf(4), CalendarPeriod.WEEK)), 0L);
        assertTrue(CriteriaCheck.evaluate(THREE_IN_A_WEEK, stats(3), forOtherCriteria, raised("2026-03-09"), days).met());
        WindowMemo reached = new WindowMemo(WindowMemo.fingerprint(THREE_IN_A_WEEK), 1L);
        assertTrue(CriteriaCheck.evaluate(THREE_IN_A_WEEK, stats(3), reached, DayChanges.UNKNOWN, days).met());
        assertEquals(List.of("all", "all"), days.reads);
    }

    @Test
    void allOfNeedsEveryPartAndNamesTheFirstThatFails() {
        Days days = new Days().with("2026-03-02", 2).with("2026-03-12", 1);
        BadgeCriteria steady = BadgeCriteria.allOf(new BadgeCriteria("session_count", BigDecimal.ONE),
                BadgeCriteria.windowed("activity_count", BigDecimal.valueOf(2), CalendarPeriod.WEEK),
                BadgeCriteria.windowed("activity_count", BigDecimal.valueOf(4), CalendarPeriod.MONTH));
        CriteriaCheck.Result three = CriteriaCheck.evaluate(steady, stats(3), null, DayChanges.UNKNOWN, days);
        assertFalse(three.met());
        assertEquals("activity_count in one month is at most 3, below 4", three.failure());
        assertEquals(0b010L, three.memo().reached(), "the week part is reached, the month part is not");

        days.with("2026-03-25", 1);
        CriteriaCheck.Result four = CriteriaCheck.evaluate(steady, stats(4), three.memo(), raised("2026-03-25"), days);
        assertTrue(four.met());
        assertEquals(0b110L, four.memo().reached());
        assertFalse(CriteriaCheck.evaluate(steady, stats(0), four.memo(), DayChanges.NONE, days).met(),
                "the all-time part reads the stats: no session, no badge");
    }
}
