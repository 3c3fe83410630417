package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.stats.MentorStats;

class ActivityStatsTopologyTest extends TopologyTestSupport {

    private static final String OSLO_ORG = "org-nhf-oslo";

    private static ActivityEvent session(String id, String occurredAt, int minutes, String mentee) {
        return new ActivityEvent(EventOp.UPSERT, id, KARI, OSLO_ORG, ActivityType.SESSION, mentee,
                Instant.parse(occurredAt), minutes);
    }

    @Test
    void activitiesAreCountedWithHoursMenteesAndLastActive() {
        fixture.send(session("a1", "2026-03-20T10:00:00Z", 90, "m1"), LOGGED);
        fixture.send(new ActivityEvent(EventOp.UPSERT, "a2", KARI, OSLO_ORG, ActivityType.PHONE_CALL, "m2",
                Instant.parse("2026-03-21T17:20:00Z"), 20), LOGGED);
        fixture.send(session("a3", "2026-03-21T08:00:00Z", 60, "m1"), LOGGED);

        MentorStats stats = fixture.latestPublished().get(KARI);
        assertEquals(3, stats.activityCount());
        assertEquals(2, stats.sessionCount());
        assertEquals(2, stats.uniqueMenteesCount());
        assertEquals(2.83, stats.totalHoursMentored());
        assertEquals(Instant.parse("2026-03-21T17:20:00Z"), stats.lastActiveAt());
        assertEquals(2, stats.longestStreakDays());
        assertEquals(LOGGED, stats.computedAt());
    }

    @Test
    void correctionReplacesTheEarlierVersionWithoutDoubleCounting() {
        fixture.send(session("a1", "2026-03-20T10:00:00Z", 90, "m1"), LOGGED);
        fixture.send(new ActivityEvent(EventOp.UPSERT, "a1", KARI, OSLO_ORG, ActivityType.GROUP, null,
                Instant.parse("2026-03-22T10:00:00Z"), 30), LOGGED.plusSeconds(60));

        MentorStats stats = fixture.latestPublished().get(KARI);
        assertEquals(1, stats.activityCount());
        assertEquals(0, stats.sessionCount());
        assertEquals(0, stats.uniqueMenteesCount());
        assertEquals(0.5, stats.totalHoursMentored());
        assertEquals(List.of(LocalDate.parse("2026-03-22")), List.copyOf(fixture.days(KARI).keySet()));
    }

    @Test
    void redeliveredEventChangesNothingAndPublishesNothing() {
        ActivityEvent event = session("a1", "2026-03-20T10:00:00Z", 90, "m1");
        fixture.send(event, LOGGED);
        fixture.mentorStats.readRecordsToList();

        fixture.send(event, LOGGED.plusSeconds(3600));

        assertTrue(fixture.mentorStats.isEmpty());
        assertEquals(1, fixture.state(KARI).orElseThrow().activityCount);
        assertEquals(LOGGED, fixture.state(KARI).orElseThrow().computedAt);
    }

    @Test
    void deleteRetractsAndALateUpsertOfTheDeletedIdDoesNotResurrectIt() {
        fixture.send(session("a1", "2026-03-20T10:00:00Z", 90, "m1"), LOGGED);
        fixture.send(session("a2", "2026-03-21T10:00:00Z", 30, "m2"), LOGGED);
        fixture.send(new ActivityEvent(EventOp.DELETE, "a2", KARI, null, null, null, null, null), LOGGED);
        fixture.send(session("a2", "2026-03-21T10:00:00Z", 30, "m2"), LOGGED.plusSeconds(5));

        MentorStats stats = fixture.latestPublished().get(KARI);
        assertEquals(1, stats.activityCount());
        assertEquals(1, stats.uniqueMenteesCount());
        assertEquals(Instant.parse("2026-03-20T10:00:00Z"), stats.lastActiveAt());
        assertEquals(1, stats.longestStreakDays());
    }

    @Test
    void lateActivityThatFillsAGapJoinsTwoStreaks() {
        for (String day : List.of("2026-03-01", "2026-03-02", "2026-03-04", "2026-03-05", "2026-03-06")) {
            fixture.send(session("a-" + day, day + "T09:00:00Z", 30, null), LOGGED);
        }
        assertEquals(3, fixture.latestPublished().get(KARI).longestStreakDays());

        fixture.send(session("late", "2026-03-03T20:00:00Z", 30, null), LOGGED.plusSeconds(10));

        MentorStats asOfMarch7 = fixture.statsAsOf(KARI, Instant.parse("2026-03-07T12:00:00Z"), ZONES);
        assertEquals(6, asOfMarch7.longestStreakDays());
        assertEquals(6, asOfMarch7.currentStreakDays());
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), asOfMarch7.streakStartedAt());
    }

    @Test
    void deleteInTheMiddleOfAStreakSplitsIt() {
        for (String day : List.of("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05")) {
            fixture.send(session("a-" + day, day + "T09:00:00Z", 30, null), LOGGED);
        }
        fixture.send(new ActivityEvent(EventOp.DELETE, "a-2026-03-03", KARI, null, null, null, null, null), LOGGED);

        MentorStats stats = fixture.statsAsOf(KARI, Instant.parse("2026-03-05T20:00:00Z"), ZONES);
        assertEquals(2, stats.longestStreakDays());
        assertEquals(2, stats.currentStreakDays());
        assertEquals(Instant.parse("2026-03-03T23:00:00Z"), stats.streakStartedAt());
    }

    @Test
    void currentStreakIsZeroWhenTheLatestActiveDayIsBeforeYesterday() {
        fixture.send(session("a1", "2026-03-01T09:00:00Z", 30, null), LOGGED);
        fixture.send(session("a2", "2026-03-02T09:00:00Z", 30, null), LOGGED);

        assertEquals(2, fixture.statsAsOf(KARI, Instant.parse("2026-03-03T21:00:00Z"), ZONES).currentStreakDays());
        MentorStats later = fixture.statsAsOf(KARI, Instant.parse("2026-03-04T00:30:00Z"), ZONES);
        assertEquals(0, later.currentStreakDays());
        assertNull(later.streakStartedAt());
        assertEquals(2, later.longestStreakDays());
    }

    @Test
    void daysAreOsloCalendarDaysAcrossTheSpringDaylightSavingChange() {
        // 29 March 2026: clocks go from 02:00 to 03:00 in Oslo; that day has 23 hours.
        Instant logged = Instant.parse("2026-03-30T12:00:00Z");
        fixture.send(session("a1", "2026-03-28T22:30:00Z", 30, null), logged); // 23:30 on 28 March local
        fixture.send(session("a2", "2026-03-28T23:30:00Z", 30, null), logged); // 00:30 on 29 March local
        fixture.send(session("a3", "2026-03-29T21:59:00Z", 30, null), logged); // 23:59 on 29 March local (CEST)
        fixture.send(session("a4", "2026-03-29T22:01:00Z", 30, null), logged); // 00:01 on 30 March local

        assertEquals(List.of(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-29"),
                LocalDate.parse("2026-03-30")), List.copyOf(fixture.days(KARI).keySet()));
        assertEquals(2, fixture.days(KARI).get(LocalDate.parse("2026-03-29")).activities());
        MentorStats stats = fixture.statsAsOf(KARI, Instant.parse("2026-03-30T10:00:00Z"), ZONES);
        assertEquals(3, stats.currentStreakDays());
        assertEquals(Instant.parse("2026-03-27T23:00:00Z"), stats.streakStartedAt());
    }

    @Test
    void invalidDurationGoesToTheDeadLetterTopicWithItsOriginalBytesAndProcessingGoesOn() {
        String bad = "{\"op\":\"upsert\",\"activity_id\":\"x\",\"peer_mentor_id\":\"" + KARI
                + "\",\"organisation_id\":\"o\",\"type\":\"session\",\"occurred_at\":\"2026-03-20T10:00:00Z\","
                + "\"duration_minutes\":1441}";
        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);
        fixture.send(session("a1", "2026-03-20T10:00:00Z", 30, null), LOGGED);

        TestRecord<byte[], byte[]> dead = fixture.deadLetters.readRecord();
        assertEquals(bad, new String(dead.value(), StandardCharsets.UTF_8));
        assertEquals(KARI, new String(dead.key(), StandardCharsets.UTF_8));
        assertEquals(fixture.topics.activities().name(), header(dead, "__streams.errors.topic"));
        assertEquals("0", header(dead, "__streams.errors.offset"));
        assertTrue(header(dead, "__streams.errors.message").contains("duration_minutes 1441"));
        assertEquals(List.of("processing: duration_minutes 1441 is outside 0..1440"), fixture.deadLetterReasons);
        assertEquals(1, fixture.latestPublished().get(KARI).activityCount());
    }

    @Test
    void unparsableRecordIsDeadLetteredAndProcessingGoesOn() {
        // TopologyTestDriver 4.3.1 drops the dead-letter record of a deserialization failure (the
        // real runtime sends it): its bytes and headers are asserted by StatsServiceIntegrationTest.
        fixture.rawActivities.pipeInput(KARI, "{not json", LOGGED);
        fixture.send(session("a1", "2026-03-20T10:00:00Z", 30, null), LOGGED);

        assertEquals(1, fixture.deadLetterReasons.size());
        assertTrue(fixture.deadLetterReasons.get(0).startsWith("deserialization: not a valid ActivityEvent"));
        assertEquals(1, fixture.latestPublished().get(KARI).activityCount());
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
