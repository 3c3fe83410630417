package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.streams.TestEvents.activity;
import static org.peerstats.streams.TestEvents.deleteActivity;
import static org.peerstats.streams.TestEvents.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.DayRun;
import org.peerstats.streams.stats.MentorStats;

/** Per-day buckets are exact, and corrections and deletes move, split and join days and runs. */
class CorrectionsAndDayBucketsTopologyTest extends TopologyTestSupport {

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    private static DayBucket bucket(int sessions, int minutes, String... occurredAt) {
        return DayBucket.of(Arrays.stream(occurredAt).map(t -> Instant.parse(t).toEpochMilli()).toList(),
                sessions, minutes);
    }

    private List<DayRun> runs() {
        return fixture.state(KARI).orElseThrow().activeDays.asList();
    }

    private static DayRun run(String start, String end) {
        return new DayRun(day(start), day(end));
    }

    /** One 30-minute session at 10:00 UTC on each of the given days of March 2026. */
    private void sessionsOnMarch(int... days) {
        for (int d : days) {
            String date = String.format("2026-03-%02d", d);
            fixture.send(session(KARI, ORG, "a-" + date, null, date + "T10:00:00Z", 30), LOGGED);
        }
    }

    @Test
    void eachDayBucketHoldsExactlyThatDaysActivitiesSessionsAndMinutes() {
        fixture.send(session(KARI, ORG, "a1", "m1", "2026-03-20T18:00:00Z", 45), LOGGED);
        fixture.send(activity(KARI, ORG, "a2", ActivityType.PHONE_CALL, "m1", "2026-03-20T07:15:00Z", 20), LOGGED);
        fixture.send(activity(KARI, ORG, "a3", ActivityType.GROUP, null, "2026-03-20T22:59:00Z", 90), LOGGED);
        fixture.send(session(KARI, ORG, "a4", "m2", "2026-03-20T23:00:00Z", 15), LOGGED); // 00:00 on 21st
        fixture.send(activity(KARI, ORG, "a5", ActivityType.OTHER, null, "2026-03-22T12:00:00Z", 0), LOGGED);

        assertEquals(Map.of(
                day("2026-03-20"), bucket(1, 155, "2026-03-20T07:15:00Z", "2026-03-20T18:00:00Z", "2026-03-20T22:59:00Z"),
                day("2026-03-21"), bucket(1, 15, "2026-03-20T23:00:00Z"),
                day("2026-03-22"), bucket(0, 0, "2026-03-22T12:00:00Z")), fixture.days(KARI));
        assertEquals(3, fixture.days(KARI).get(day("2026-03-20")).activities());
    }

    @Test
    void twoActivitiesAtTheSameInstantAreBothCountedAndADeleteTakesOnlyOne() {
        fixture.send(session(KARI, ORG, "a1", "m1", "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", "m2", "2026-03-20T10:00:00Z", 40), LOGGED);
        assertEquals(bucket(2, 70, "2026-03-20T10:00:00Z", "2026-03-20T10:00:00Z"),
                fixture.days(KARI).get(day("2026-03-20")));

        fixture.send(deleteActivity(KARI, "a1"), LOGGED);

        assertEquals(bucket(1, 40, "2026-03-20T10:00:00Z"), fixture.days(KARI).get(day("2026-03-20")));
        assertEquals(Instant.parse("2026-03-20T10:00:00Z"), fixture.latestPublished().get(KARI).lastActiveAt());
    }

    @Test
    void aCorrectionThatMovesAnActivityToAnotherDayMovesItsBucket() {
        fixture.send(session(KARI, ORG, "a1", "m1", "2026-03-10T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", "m1", "2026-03-10T12:00:00Z", 20), LOGGED);

        fixture.send(activity(KARI, ORG, "a1", ActivityType.GROUP, null, "2026-03-12T08:00:00Z", 60),
                LOGGED.plusSeconds(60));

        assertEquals(Map.of(
                day("2026-03-10"), bucket(1, 20, "2026-03-10T12:00:00Z"),
                day("2026-03-12"), bucket(0, 60, "2026-03-12T08:00:00Z")), fixture.days(KARI));
        MentorStats stats = fixture.latestPublished().get(KARI);
        assertEquals(2, stats.activityCount());
        assertEquals(1, stats.sessionCount());
        assertEquals(80, stats.totalMinutes());
        assertEquals(Instant.parse("2026-03-12T08:00:00Z"), stats.lastActiveAt());
    }

    @Test
    void aCorrectionThatEmptiesADayRemovesItsBucket() {
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-10T10:00:00Z", 30), LOGGED);

        fixture.send(session(KARI, ORG, "a1", null, "2026-03-11T10:00:00Z", 30), LOGGED.plusSeconds(60));

        assertEquals(Map.of(day("2026-03-11"), bucket(1, 30, "2026-03-11T10:00:00Z")), fixture.days(KARI));
        assertEquals(List.of(run("2026-03-11", "2026-03-11")), runs());
    }

    @Test
    void aCorrectionWithinTheSameDayUpdatesTheBucketInPlace() {
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-10T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", null, "2026-03-10T12:00:00Z", 30), LOGGED);

        fixture.send(activity(KARI, ORG, "a1", ActivityType.OTHER, null, "2026-03-10T15:00:00Z", 50),
                LOGGED.plusSeconds(60));

        assertEquals(Map.of(day("2026-03-10"), bucket(1, 80, "2026-03-10T12:00:00Z", "2026-03-10T15:00:00Z")),
                fixture.days(KARI));
    }

    @Test
    void aCorrectionThatMovesTheOnlyActivityOfAMiddleDaySplitsTheRun() {
        sessionsOnMarch(1, 2, 3, 5);
        assertEquals(List.of(run("2026-03-01", "2026-03-03"), run("2026-03-05", "2026-03-05")), runs());

        fixture.send(session(KARI, ORG, "a-2026-03-02", null, "2026-03-04T10:00:00Z", 30), LOGGED.plusSeconds(60));

        assertEquals(List.of(run("2026-03-01", "2026-03-01"), run("2026-03-03", "2026-03-05")), runs());
        MentorStats stats = fixture.statsAsOf(KARI, Instant.parse("2026-03-06T08:00:00Z"), ZONES);
        assertEquals(3, stats.longestStreakDays());
        assertEquals(3, stats.currentStreakDays());
        assertEquals(Instant.parse("2026-03-02T23:00:00Z"), stats.streakStartedAt());
    }

    @Test
    void aCorrectionThatMovesAnActivityIntoAGapJoinsTwoStreaks() {
        sessionsOnMarch(1, 2, 4, 5, 9);
        assertEquals(2, fixture.latestPublished().get(KARI).longestStreakDays());

        fixture.send(session(KARI, ORG, "a-2026-03-09", null, "2026-03-03T21:00:00Z", 30), LOGGED.plusSeconds(60));

        assertEquals(List.of(run("2026-03-01", "2026-03-05")), runs());
        MentorStats published = fixture.latestPublished().get(KARI);
        assertEquals(5, published.longestStreakDays());
        assertEquals(Instant.parse("2026-03-05T10:00:00Z"), published.lastActiveAt());
    }

    @Test
    void lateActivityThatFillsAGapJoinsTwoStreaksAndItsBucketAppears() {
        sessionsOnMarch(10, 11, 13);

        fixture.send(session(KARI, ORG, "late", "m1", "2026-03-12T06:00:00Z", 25), LOGGED.plusSeconds(3600));

        assertEquals(List.of(run("2026-03-10", "2026-03-13")), runs());
        assertEquals(bucket(1, 25, "2026-03-12T06:00:00Z"), fixture.days(KARI).get(day("2026-03-12")));
        assertEquals(4, fixture.days(KARI).size());
    }

    @Test
    void deletingTheFirstOrLastDayOfARunShortensIt() {
        sessionsOnMarch(1, 2, 3, 4);

        fixture.send(deleteActivity(KARI, "a-2026-03-01"), LOGGED);
        fixture.send(deleteActivity(KARI, "a-2026-03-04"), LOGGED);

        assertEquals(List.of(run("2026-03-02", "2026-03-03")), runs());
        assertEquals(List.of(day("2026-03-02"), day("2026-03-03")), List.copyOf(fixture.days(KARI).keySet()));
    }

    @Test
    void deletingOneOfTwoActivitiesOfADayKeepsTheDayActive() {
        sessionsOnMarch(1, 2, 3);
        fixture.send(session(KARI, ORG, "extra", null, "2026-03-02T16:00:00Z", 10), LOGGED);

        fixture.send(deleteActivity(KARI, "a-2026-03-02"), LOGGED);

        assertEquals(List.of(run("2026-03-01", "2026-03-03")), runs());
        assertEquals(bucket(1, 10, "2026-03-02T16:00:00Z"), fixture.days(KARI).get(day("2026-03-02")));
    }

    @Test
    void deletingTheLatestActivityMovesLastActiveBackToTheLatestRemaining() {
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-10T08:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", null, "2026-03-10T17:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a3", null, "2026-03-14T09:00:00Z", 30), LOGGED);

        fixture.send(deleteActivity(KARI, "a3"), LOGGED);
        assertEquals(Instant.parse("2026-03-10T17:00:00Z"), fixture.latestPublished().get(KARI).lastActiveAt());

        fixture.send(deleteActivity(KARI, "a2"), LOGGED);
        assertEquals(Instant.parse("2026-03-10T08:00:00Z"), fixture.latestPublished().get(KARI).lastActiveAt());

        fixture.send(deleteActivity(KARI, "a1"), LOGGED);
        MentorStats none = fixture.latestPublished().get(KARI);
        assertNull(none.lastActiveAt());
        assertEquals(0, none.activityCount());
        assertEquals(0, none.longestStreakDays());
        assertEquals(Map.of(), fixture.days(KARI));
    }

    @Test
    void correctingTheLatestActivityToAnEarlierTimeMovesLastActiveBack() {
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-10T08:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", null, "2026-03-14T09:00:00Z", 30), LOGGED);

        fixture.send(session(KARI, ORG, "a2", null, "2026-03-09T09:00:00Z", 30), LOGGED.plusSeconds(60));

        assertEquals(Instant.parse("2026-03-10T08:00:00Z"), fixture.latestPublished().get(KARI).lastActiveAt());
    }

    @Test
    void aDeleteThatArrivesBeforeItsUpsertKeepsTheActivityOut() {
        fixture.send(session(KARI, ORG, "a0", null, "2026-03-09T10:00:00Z", 30), LOGGED);
        fixture.published();

        fixture.send(deleteActivity(KARI, "a1"), LOGGED);
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-10T10:00:00Z", 30), LOGGED.plusSeconds(60));

        assertTrue(fixture.mentorStats.isEmpty(), "neither the early delete nor the upsert changes the stats");
        assertEquals(1, fixture.statsAsOf(KARI, LOGGED, ZONES).activityCount());
        assertEquals(List.of(day("2026-03-09")), List.copyOf(fixture.days(KARI).keySet()));
    }

    @Test
    void theLastUpsertWinsSoARedeliveredOlderVersionReplacesACorrection() {
        var original = session(KARI, ORG, "a1", "m1", "2026-03-10T10:00:00Z", 30);
        fixture.send(original, LOGGED);
        fixture.send(session(KARI, ORG, "a1", "m2", "2026-03-11T10:00:00Z", 60), LOGGED.plusSeconds(60));

        fixture.send(original, LOGGED.plusSeconds(120));

        assertEquals(Map.of(day("2026-03-10"), bucket(1, 30, "2026-03-10T10:00:00Z")), fixture.days(KARI));
        assertEquals(1, fixture.latestPublished().get(KARI).uniqueMenteesCount());
    }

    @Test
    void aMenteeStaysCountedUntilTheirLastActivityIsGone() {
        fixture.send(session(KARI, ORG, "a1", "m1", "2026-03-10T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", "m1", "2026-03-11T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a3", "m2", "2026-03-11T11:00:00Z", 30), LOGGED);
        assertEquals(2, fixture.latestPublished().get(KARI).uniqueMenteesCount());

        fixture.send(deleteActivity(KARI, "a1"), LOGGED);
        assertEquals(2, fixture.latestPublished().get(KARI).uniqueMenteesCount());

        fixture.send(session(KARI, ORG, "a2", "m2", "2026-03-11T10:00:00Z", 30), LOGGED.plusSeconds(60));
        assertEquals(1, fixture.latestPublished().get(KARI).uniqueMenteesCount());
    }

    @Test
    void aCorrectionOfTheTypeMovesTheSessionCount() {
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-10T10:00:00Z", 30), LOGGED);
        fixture.send(activity(KARI, ORG, "a1", ActivityType.PHONE_CALL, null, "2026-03-10T10:00:00Z", 30), LOGGED);

        MentorStats stats = fixture.latestPublished().get(KARI);
        assertEquals(1, stats.activityCount());
        assertEquals(0, stats.sessionCount());
        assertEquals(bucket(0, 30, "2026-03-10T10:00:00Z"), fixture.days(KARI).get(day("2026-03-10")));
    }

    @Test
    void daysOfMentorsWhoseIdsShareAPrefixStaySeparate() {
        fixture.send(session("pm-1", ORG, "a1", null, "2026-03-10T10:00:00Z", 30), LOGGED);
        fixture.send(session("pm-10", ORG, "a10", null, "2026-03-11T10:00:00Z", 40), LOGGED);
        fixture.send(session("pm-100", ORG, "a100", null, "2026-03-12T10:00:00Z", 50), LOGGED);
        fixture.send(deleteActivity("pm-10", "a10"), LOGGED);

        assertEquals(Map.of(day("2026-03-10"), bucket(1, 30, "2026-03-10T10:00:00Z")), fixture.days("pm-1"));
        assertEquals(Map.of(), fixture.days("pm-10"));
        assertEquals(Map.of(day("2026-03-12"), bucket(1, 50, "2026-03-12T10:00:00Z")), fixture.days("pm-100"));
        assertEquals(1, fixture.statsAsOf("pm-1", LOGGED, ZONES).activityCount());
        assertEquals(1, fixture.statsAsOf("pm-100", LOGGED, ZONES).activityCount());
    }
}
