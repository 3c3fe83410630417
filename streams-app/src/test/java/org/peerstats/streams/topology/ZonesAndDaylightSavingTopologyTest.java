package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.peerstats.streams.TestEvents.session;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;

/** Days are calendar days in each organisation's own zone, and a daylight-saving day is one day. */
class ZonesAndDaylightSavingTopologyTest extends TopologyTestSupport {

    private static final String OSLO_MENTOR = "pm-oslo-1";
    private static final String NY_MENTOR = "pm-ny-1";
    private static final String OSLO_ORG = "org-oslo";
    private static final String NY_ORG = "org-ny";
    private static final OrganisationZones TWO_ZONES =
            OrganisationZones.parse(ZoneId.of("Europe/Oslo"), "org-ny=America/New_York");

    @Override
    OrganisationZones zones() {
        return TWO_ZONES;
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    private static DayBucket bucket(int sessions, int minutes, String... occurredAt) {
        return DayBucket.of(java.util.Arrays.stream(occurredAt).map(t -> Instant.parse(t).toEpochMilli()).toList(),
                sessions, minutes);
    }

    @Test
    void theSameInstantFallsOnTheOrganisationsOwnCalendarDay() {
        Instant logged = Instant.parse("2026-03-22T12:00:00Z");
        // 03:00 UTC on 21 March: 04:00 on the 21st in Oslo, 23:00 on the 20th in New York (EDT).
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a1", null, "2026-03-21T03:00:00Z", 30), logged);
        fixture.send(session(NY_MENTOR, NY_ORG, "a2", null, "2026-03-21T03:00:00Z", 30), logged);

        assertEquals(List.of(day("2026-03-21")), List.copyOf(fixture.days(OSLO_MENTOR).keySet()));
        assertEquals(List.of(day("2026-03-20")), List.copyOf(fixture.days(NY_MENTOR).keySet()));
    }

    @Test
    void aNewYorkMentorsDayEndsAtNewYorkMidnight() {
        Instant logged = Instant.parse("2026-03-25T12:00:00Z");
        fixture.send(session(NY_MENTOR, NY_ORG, "a1", null, "2026-03-21T03:59:00Z", 30), logged); // 23:59 on 20th
        fixture.send(session(NY_MENTOR, NY_ORG, "a2", null, "2026-03-21T04:00:00Z", 30), logged); // 00:00 on 21st
        fixture.send(session(NY_MENTOR, NY_ORG, "a3", null, "2026-03-22T03:00:00Z", 30), logged); // 23:00 on 21st

        assertEquals(List.of(day("2026-03-20"), day("2026-03-21")), List.copyOf(fixture.days(NY_MENTOR).keySet()));
        assertEquals(2, fixture.days(NY_MENTOR).get(day("2026-03-21")).activities());
    }

    @Test
    void aNewYorkMentorsCurrentStreakIsJudgedByNewYorksToday() {
        Instant logged = Instant.parse("2026-03-21T12:00:00Z");
        fixture.send(session(NY_MENTOR, NY_ORG, "a1", null, "2026-03-19T14:00:00Z", 30), logged);
        fixture.send(session(NY_MENTOR, NY_ORG, "a2", null, "2026-03-20T14:00:00Z", 30), logged);

        // 02:00 UTC on 22 March is 22:00 on the 21st in New York: the 20th was yesterday.
        MentorStats lateEvening = fixture.statsAsOf(NY_MENTOR, Instant.parse("2026-03-22T02:00:00Z"), TWO_ZONES);
        assertEquals(2, lateEvening.currentStreakDays());
        assertEquals(Instant.parse("2026-03-19T04:00:00Z"), lateEvening.streakStartedAt());
        // 04:00 UTC on 22 March is midnight in New York: the 20th is now two days ago.
        MentorStats midnight = fixture.statsAsOf(NY_MENTOR, Instant.parse("2026-03-22T04:00:00Z"), TWO_ZONES);
        assertEquals(0, midnight.currentStreakDays());
        assertNull(midnight.streakStartedAt());
        assertEquals(2, midnight.longestStreakDays());
    }

    @Test
    void thePublishedStreakOfANewYorkMentorUsesNewYorkDays() {
        // Both activities are on 20 and 21 March in New York but on 21 and 22 March in Oslo terms.
        fixture.send(session(NY_MENTOR, NY_ORG, "a1", null, "2026-03-20T23:30:00Z", 30),
                Instant.parse("2026-03-21T00:00:00Z"));
        fixture.send(session(NY_MENTOR, NY_ORG, "a2", null, "2026-03-22T01:00:00Z", 30),
                Instant.parse("2026-03-22T01:30:00Z"));

        MentorStats published = fixture.latestPublished().get(NY_MENTOR);
        assertEquals(2, published.currentStreakDays());
        assertEquals(Instant.parse("2026-03-20T04:00:00Z"), published.streakStartedAt());
    }

    @Test
    void theAutumnDaylightSavingChangeIsOneTwentyFiveHourDayInOslo() {
        // 25 October 2026: Oslo clocks go back from 03:00 CEST to 02:00 CET; that day has 25 hours.
        Instant logged = Instant.parse("2026-10-27T12:00:00Z");
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a0", null, "2026-10-24T21:59:00Z", 10), logged); // 23:59 on 24th
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a1", null, "2026-10-24T22:00:00Z", 20), logged); // 00:00 CEST
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a2", null, "2026-10-25T00:30:00Z", 30), logged); // 02:30 CEST
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a3", null, "2026-10-25T01:30:00Z", 40), logged); // 02:30 CET
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a4", null, "2026-10-25T22:59:00Z", 50), logged); // 23:59 CET
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a5", null, "2026-10-25T23:00:00Z", 60), logged); // 00:00 on 26th

        assertEquals(List.of(day("2026-10-24"), day("2026-10-25"), day("2026-10-26")),
                List.copyOf(fixture.days(OSLO_MENTOR).keySet()));
        assertEquals(bucket(4, 140, "2026-10-24T22:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
                "2026-10-25T22:59:00Z"), fixture.days(OSLO_MENTOR).get(day("2026-10-25")));
        MentorStats stats = fixture.statsAsOf(OSLO_MENTOR, Instant.parse("2026-10-26T12:00:00Z"), TWO_ZONES);
        assertEquals(3, stats.currentStreakDays());
        assertEquals(3, stats.longestStreakDays());
        assertEquals(Instant.parse("2026-10-23T22:00:00Z"), stats.streakStartedAt());
    }

    @Test
    void aStreakThroughTheAutumnChangeStaysCurrentUntilTheEndOfTheNextLocalDay() {
        Instant logged = Instant.parse("2026-10-25T12:00:00Z");
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a1", null, "2026-10-24T10:00:00Z", 30), logged);
        fixture.send(session(OSLO_MENTOR, OSLO_ORG, "a2", null, "2026-10-25T10:00:00Z", 30), logged);

        // 26 October ends at 23:00 UTC (CET); the streak is still current one second before.
        assertEquals(2, fixture.statsAsOf(OSLO_MENTOR, Instant.parse("2026-10-26T22:59:59Z"), TWO_ZONES)
                .currentStreakDays());
        assertEquals(0, fixture.statsAsOf(OSLO_MENTOR, Instant.parse("2026-10-26T23:00:00Z"), TWO_ZONES)
                .currentStreakDays());
    }

    @Test
    void theAutumnChangeInNewYorkIsOneDayToo() {
        // 1 November 2026: New York clocks go back from 02:00 EDT to 01:00 EST.
        Instant logged = Instant.parse("2026-11-03T12:00:00Z");
        fixture.send(session(NY_MENTOR, NY_ORG, "a1", null, "2026-10-31T15:00:00Z", 30), logged);
        fixture.send(session(NY_MENTOR, NY_ORG, "a2", null, "2026-11-01T04:00:00Z", 30), logged); // 00:00 EDT
        fixture.send(session(NY_MENTOR, NY_ORG, "a3", null, "2026-11-01T05:30:00Z", 30), logged); // 01:30 EDT
        fixture.send(session(NY_MENTOR, NY_ORG, "a4", null, "2026-11-01T06:30:00Z", 30), logged); // 01:30 EST
        fixture.send(session(NY_MENTOR, NY_ORG, "a5", null, "2026-11-02T04:59:00Z", 30), logged); // 23:59 EST

        assertEquals(List.of(day("2026-10-31"), day("2026-11-01")), List.copyOf(fixture.days(NY_MENTOR).keySet()));
        assertEquals(4, fixture.days(NY_MENTOR).get(day("2026-11-01")).activities());
        MentorStats stats = fixture.statsAsOf(NY_MENTOR, Instant.parse("2026-11-02T12:00:00Z"), TWO_ZONES);
        assertEquals(2, stats.currentStreakDays());
        assertEquals(Instant.parse("2026-10-31T04:00:00Z"), stats.streakStartedAt());
    }

    @Test
    void anActivityLoggedAheadOfItsRecordTimeStartsTheCurrentStreakOfThePublishedStats() {
        // Recorded at 19:00 on 20 March in New York, for 01:00 on the 21st: accepted (6 h ahead).
        fixture.send(session(NY_MENTOR, NY_ORG, "a1", null, "2026-03-21T05:00:00Z", 30),
                Instant.parse("2026-03-20T23:00:00Z"));

        MentorStats published = fixture.latestPublished().get(NY_MENTOR);
        assertEquals(List.of(day("2026-03-21")), List.copyOf(fixture.days(NY_MENTOR).keySet()));
        assertEquals(1, published.currentStreakDays());
        assertEquals(Instant.parse("2026-03-21T04:00:00Z"), published.streakStartedAt());
    }

    @Test
    void anOrganisationNotListedUsesTheDefaultZone() {
        Instant logged = Instant.parse("2026-03-22T12:00:00Z");
        fixture.send(session("pm-x", "org-unlisted", "a1", null, "2026-03-20T23:30:00Z", 30), logged);

        assertEquals(List.of(day("2026-03-21")), List.copyOf(fixture.days("pm-x").keySet()));
    }
}
