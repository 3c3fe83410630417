package org.peerstats.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerstats.streams.serde.Json;

class MentorStateTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "{0} min = {1} h")
    @CsvSource({
        "0, 0.0",
        "1, 0.02",
        "3, 0.05",
        "20, 0.33",
        "40, 0.67",
        "50, 0.83",
        "60, 1.0",
        "90, 1.5",
        "100, 1.67",
        "1440, 24.0",
        "100000, 1666.67"
    })
    void minutesAreShownAsHoursWithTwoDecimalsRoundedHalfUp(long minutes, double hours) {
        assertEquals(hours, MentorState.hours(minutes));
    }

    private static MentorState stateWithRunsEndingOn(String... days) {
        MentorState state = new MentorState();
        state.organisationId = "org-1";
        for (String day : days) {
            state.activeDays.addDay(LocalDate.parse(day));
        }
        return state;
    }

    @Test
    void currentStreakDependsOnTheOrganisationsZoneAtTheQueryInstant() {
        MentorState state = stateWithRunsEndingOn("2026-03-18", "2026-03-19", "2026-03-20");
        // 23:30 UTC on 21 March is 00:30 on 22 March in Oslo, but 19:30 on 21 March in New York.
        Instant asOf = Instant.parse("2026-03-21T23:30:00Z");

        MentorStats inOslo = state.toStats("pm-1", asOf, OSLO);
        MentorStats inNewYork = state.toStats("pm-1", asOf, NEW_YORK);

        assertEquals(0, inOslo.currentStreakDays());
        assertNull(inOslo.streakStartedAt());
        assertEquals(3, inNewYork.currentStreakDays());
        assertEquals(Instant.parse("2026-03-18T04:00:00Z"), inNewYork.streakStartedAt());
        assertEquals(3, inOslo.longestStreakDays());
        assertEquals(3, inNewYork.longestStreakDays());
    }

    @Test
    void streakStartIsMidnightOfTheFirstDayInTheZone() {
        MentorState state = stateWithRunsEndingOn("2026-03-28", "2026-03-29", "2026-03-30");

        assertEquals(Instant.parse("2026-03-27T23:00:00Z"),
                state.toStats("pm-1", Instant.parse("2026-03-30T12:00:00Z"), OSLO).streakStartedAt());
        assertEquals(Instant.parse("2026-03-28T04:00:00Z"),
                state.toStats("pm-1", Instant.parse("2026-03-30T12:00:00Z"), NEW_YORK).streakStartedAt());
    }

    @Test
    void currentStreakIsTheLatestRunOnlyAndLongestIsTheLongestEver() {
        MentorState state = stateWithRunsEndingOn("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04",
                "2026-03-09", "2026-03-10");

        MentorStats stats = state.toStats("pm-1", Instant.parse("2026-03-11T10:00:00Z"), OSLO);

        assertEquals(2, stats.currentStreakDays());
        assertEquals(Instant.parse("2026-03-08T23:00:00Z"), stats.streakStartedAt());
        assertEquals(4, stats.longestStreakDays());
    }

    @Test
    void toStatsCarriesTheTotalsModulesInOrderAndTimes() {
        MentorState state = new MentorState();
        state.organisationId = "org-1";
        state.activityCount = 5;
        state.sessionCount = 3;
        state.totalMinutes = 200;
        state.mentees = new TreeMap<>(java.util.Map.of("m1", 2, "m2", 1));
        state.modules = new TreeMap<>(java.util.Map.of(
                "module-b", Instant.parse("2026-02-01T10:00:00Z"),
                "module-a", Instant.parse("2026-02-03T10:00:00Z")));
        state.lastActiveAt = Instant.parse("2026-03-10T18:00:00Z");
        state.computedAt = Instant.parse("2026-03-11T08:00:00Z");

        MentorStats stats = state.toStats("pm-1", Instant.parse("2026-03-11T10:00:00Z"), OSLO);

        assertEquals(new MentorStats("pm-1", "org-1", 5, 3, 2, 3.33, 200, 2, List.of("module-a", "module-b"),
                Instant.parse("2026-03-10T18:00:00Z"), 0, null, 0, Instant.parse("2026-03-11T08:00:00Z")), stats);
    }

    @Test
    void stateSurvivesAJsonRoundTrip() throws Exception {
        MentorState state = stateWithRunsEndingOn("2026-03-01", "2026-03-02", "2026-03-05");
        state.activityCount = 4;
        state.sessionCount = 1;
        state.totalMinutes = 95;
        state.mentees.put("m1", 3);
        state.modules.put("module-a", Instant.parse("2026-02-03T10:00:00Z"));
        state.lastActiveAt = Instant.parse("2026-03-05T18:00:00Z");
        state.computedAt = Instant.parse("2026-03-06T08:00:00Z");

        MentorState back = Json.mapper().readValue(Json.mapper().writeValueAsBytes(state), MentorState.class);

        Instant asOf = Instant.parse("2026-03-06T10:00:00Z");
        assertEquals(state.toStats("pm-1", asOf, OSLO), back.toStats("pm-1", asOf, OSLO));
        assertEquals(state.activeDays, back.activeDays);
        assertEquals(state.mentees, back.mentees);
        assertEquals(state.modules, back.modules);
    }
}
