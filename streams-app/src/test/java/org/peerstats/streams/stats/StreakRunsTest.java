package org.peerstats.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.serde.Json;

class StreakRunsTest {

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    private static DayRun run(String start, String end) {
        return new DayRun(day(start), day(end));
    }

    private static StreakRuns daysOf(String... isoDays) {
        StreakRuns runs = new StreakRuns();
        for (String iso : isoDays) {
            runs.addDay(day(iso));
        }
        return runs;
    }

    @Test
    void addingTheSameDayTwiceIsIdempotent() {
        StreakRuns runs = daysOf("2026-03-10");
        runs.addDay(day("2026-03-10"));

        assertEquals(List.of(run("2026-03-10", "2026-03-10")), runs.asList());
    }

    @Test
    void addingADayInsideARunChangesNothing() {
        StreakRuns runs = daysOf("2026-03-10", "2026-03-11", "2026-03-12");
        runs.addDay(day("2026-03-11"));

        assertEquals(List.of(run("2026-03-10", "2026-03-12")), runs.asList());
    }

    @Test
    void addingTheDaysNextToARunExtendsItAtBothEnds() {
        StreakRuns runs = daysOf("2026-03-10");
        runs.addDay(day("2026-03-11"));
        runs.addDay(day("2026-03-09"));

        assertEquals(List.of(run("2026-03-09", "2026-03-11")), runs.asList());
    }

    @Test
    void daysWithAGapMakeSeparateRunsInDateOrder() {
        StreakRuns runs = daysOf("2026-03-20", "2026-03-10", "2026-03-12");

        assertEquals(List.of(run("2026-03-10", "2026-03-10"), run("2026-03-12", "2026-03-12"),
                run("2026-03-20", "2026-03-20")), runs.asList());
    }

    @Test
    void theDayThatFillsAGapJoinsTwoRuns() {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-02", "2026-03-04", "2026-03-05", "2026-03-06");
        assertEquals(2, runs.asList().size());

        runs.addDay(day("2026-03-03"));

        assertEquals(List.of(run("2026-03-01", "2026-03-06")), runs.asList());
        assertEquals(6, runs.longestDays());
    }

    @Test
    void runsJoinAcrossMonthYearAndLeapDayBoundaries() {
        StreakRuns runs = daysOf("2026-12-31", "2027-01-01", "2028-02-28", "2028-03-01");
        assertEquals(List.of(run("2026-12-31", "2027-01-01"), run("2028-02-28", "2028-02-28"),
                run("2028-03-01", "2028-03-01")), runs.asList());

        runs.addDay(day("2028-02-29"));

        assertEquals(List.of(run("2026-12-31", "2027-01-01"), run("2028-02-28", "2028-03-01")), runs.asList());
    }

    @Test
    void removingAMiddleDaySplitsTheRunInTwo() {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05");

        runs.removeDay(day("2026-03-03"));

        assertEquals(List.of(run("2026-03-01", "2026-03-02"), run("2026-03-04", "2026-03-05")), runs.asList());
        assertFalse(runs.contains(day("2026-03-03")));
    }

    @Test
    void removingTheFirstDayOfARunShortensItFromTheStart() {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-02", "2026-03-03");

        runs.removeDay(day("2026-03-01"));

        assertEquals(List.of(run("2026-03-02", "2026-03-03")), runs.asList());
    }

    @Test
    void removingTheLastDayOfARunShortensItAtTheEnd() {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-02", "2026-03-03");

        runs.removeDay(day("2026-03-03"));

        assertEquals(List.of(run("2026-03-01", "2026-03-02")), runs.asList());
    }

    @Test
    void removingTheOnlyDayOfARunRemovesTheRunAndLeavesTheOthers() {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-03", "2026-03-04");

        runs.removeDay(day("2026-03-01"));

        assertEquals(List.of(run("2026-03-03", "2026-03-04")), runs.asList());
        runs.removeDay(day("2026-03-03"));
        runs.removeDay(day("2026-03-04"));
        assertTrue(runs.isEmpty());
        assertEquals(List.of(), runs.asList());
    }

    @Test
    void removingAnInactiveDayChangesNothing() {
        StreakRuns runs = daysOf("2026-03-02", "2026-03-03", "2026-03-06");

        runs.removeDay(day("2026-03-01"));
        runs.removeDay(day("2026-03-04"));
        runs.removeDay(day("2026-03-07"));

        assertEquals(List.of(run("2026-03-02", "2026-03-03"), run("2026-03-06", "2026-03-06")), runs.asList());
    }

    @Test
    void containsIsTrueExactlyForDaysInsideARun() {
        StreakRuns runs = daysOf("2026-03-02", "2026-03-03", "2026-03-06");

        assertFalse(runs.contains(day("2026-03-01")));
        assertTrue(runs.contains(day("2026-03-02")));
        assertTrue(runs.contains(day("2026-03-03")));
        assertFalse(runs.contains(day("2026-03-04")));
        assertTrue(runs.contains(day("2026-03-06")));
        assertFalse(runs.contains(day("2026-03-07")));
    }

    @Test
    void longestIsTheLongestRunEvenWhenItIsNotTheLatest() {
        StreakRuns runs = daysOf("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04",
                "2026-02-01", "2026-02-02", "2026-03-01");

        assertEquals(4, runs.longestDays());
        assertEquals(Optional.of(run("2026-03-01", "2026-03-01")), runs.latest());
    }

    @Test
    void longestOfNoDaysIsZeroAndThereIsNoLatestOrCurrentRun() {
        StreakRuns runs = new StreakRuns();

        assertEquals(0, runs.longestDays());
        assertEquals(Optional.empty(), runs.latest());
        assertEquals(Optional.empty(), runs.current(day("2026-03-01")));
    }

    @Test
    void currentIsTheLatestRunWhenItEndsToday() {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-05", "2026-03-06", "2026-03-07");

        assertEquals(Optional.of(run("2026-03-05", "2026-03-07")), runs.current(day("2026-03-07")));
        assertEquals(3, runs.current(day("2026-03-07")).orElseThrow().length());
    }

    @Test
    void currentIsTheLatestRunWhenItEndedYesterday() {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-05", "2026-03-06", "2026-03-07");

        assertEquals(Optional.of(run("2026-03-05", "2026-03-07")), runs.current(day("2026-03-08")));
    }

    @Test
    void thereIsNoCurrentRunWhenTheLatestEndedTheDayBeforeYesterdayOrEarlier() {
        StreakRuns runs = daysOf("2026-03-05", "2026-03-06", "2026-03-07");

        assertEquals(Optional.empty(), runs.current(day("2026-03-09")));
        assertEquals(Optional.empty(), runs.current(day("2026-04-30")));
    }

    @Test
    void aRunEndingAfterTodayIsStillCurrent() {
        // An activity may be logged up to 24 h ahead of its record, so its local day can be
        // "tomorrow" as of the record time: the run is still going.
        StreakRuns runs = daysOf("2026-03-06", "2026-03-07");

        assertEquals(Optional.of(run("2026-03-06", "2026-03-07")), runs.current(day("2026-03-06")));
    }

    @Test
    void currentCountsAcrossTheYearBoundary() {
        StreakRuns runs = daysOf("2026-12-30", "2026-12-31");

        assertEquals(Optional.of(run("2026-12-30", "2026-12-31")), runs.current(day("2027-01-01")));
        assertEquals(Optional.empty(), runs.current(day("2027-01-02")));
    }

    @Test
    void runLengthCountsBothEnds() {
        assertEquals(1, run("2026-03-01", "2026-03-01").length());
        assertEquals(31, run("2026-03-01", "2026-03-31").length());
        assertEquals(366, run("2028-01-01", "2028-12-31").length());
    }

    @Test
    void jsonIsTheRunsAsPairsOfEpochDays() throws Exception {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-02", "2026-03-05");

        String json = Json.mapper().writeValueAsString(runs);

        // 2026-03-01 is epoch day 20513
        assertEquals("[20513,20514,20517,20517]", json);
    }

    @Test
    void jsonRoundTripGivesEqualRunsThatKeepWorking() throws Exception {
        StreakRuns runs = daysOf("2026-03-01", "2026-03-02", "2026-03-04", "2026-03-09");

        StreakRuns back = Json.mapper().readValue(Json.mapper().writeValueAsBytes(runs), StreakRuns.class);

        assertEquals(runs, back);
        assertEquals(runs.hashCode(), back.hashCode());
        back.addDay(day("2026-03-03"));
        assertEquals(List.of(run("2026-03-01", "2026-03-04"), run("2026-03-09", "2026-03-09")), back.asList());
    }

    @Test
    void oddNumberOfEpochDaysIsRejected() {
        assertThrows(Exception.class, () -> Json.mapper().readValue("[20513]", StreakRuns.class));
    }

    @Test
    void jsonRoundTripOfNoRunsIsAnEmptyList() throws Exception {
        String json = Json.mapper().writeValueAsString(new StreakRuns());

        assertEquals("[]", json);
        assertTrue(Json.mapper().readValue(json, StreakRuns.class).isEmpty());
    }

    @Test
    void runsOutOfOrderOrTouchingAreRejected() {
        assertEquals("streak runs out of order or touching at position 2: [20517, 20518, 20513, 20514]",
                assertThrows(IllegalArgumentException.class,
                        () -> StreakRuns.fromEpochDays(new long[] {20517, 20518, 20513, 20514})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> StreakRuns.fromEpochDays(new long[] {20513, 20514, 20515, 20516}));
        assertThrows(IllegalArgumentException.class, () -> StreakRuns.fromEpochDays(new long[] {20514, 20513}));
    }

    @Test
    void manyRandomAddsAndRemovesGiveTheRunsOfTheActiveDays() {
        Random random = new Random(7);
        TreeSet<LocalDate> active = new TreeSet<>();
        StreakRuns runs = new StreakRuns();
        LocalDate first = day("2025-12-20");
        for (int step = 0; step < 5_000; step++) {
            LocalDate d = first.plusDays(random.nextInt(120));
            if (random.nextInt(3) == 0) {
                active.remove(d);
                runs.removeDay(d);
            } else {
                active.add(d);
                runs.addDay(d);
            }
            if (step % 250 == 0) {
                assertEquals(runsOf(active), runs.asList(), "after step " + step);
                assertEquals(runs, StreakRuns.fromEpochDays(runs.epochDays()));
            }
        }
        assertEquals(runsOf(active), runs.asList());
        assertEquals(runsOf(active).size(), runs.runCount());
        assertTrue(runs.runCount() > 8, "enough runs to grow the array: " + runs.runCount());
    }

    /** The runs of consecutive days in {@code days}, worked out the slow way. */
    private static List<DayRun> runsOf(SortedSet<LocalDate> days) {
        List<DayRun> result = new ArrayList<>();
        LocalDate start = null;
        LocalDate previous = null;
        for (LocalDate d : days) {
            if (previous == null || !d.equals(previous.plusDays(1))) {
                if (start != null) {
                    result.add(new DayRun(start, previous));
                }
                start = d;
            }
            previous = d;
        }
        if (start != null) {
            result.add(new DayRun(start, previous));
        }
        return result;
    }
}
