package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.streams.TestEvents.completion;
import static org.peerstats.streams.TestEvents.session;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.MentorStats;

/**
 * Every bound of {@link Limits} in the running topology: a record over one is dead-lettered with a
 * reason naming the limit, one at the bound is taken, and a record refused by a per-mentor bound
 * leaves every store as it was (computed first, written last).
 */
class BoundsTopologyTest extends TopologyTestSupport {

    private static final String LONG_ID = "x".repeat(Limits.MAX_ID_LENGTH + 1);
    private static final String ID_AT_LIMIT = "y".repeat(Limits.MAX_ID_LENGTH);

    private String lastReason() {
        return fixture.deadLetterReasons.get(fixture.deadLetterReasons.size() - 1);
    }

    private void assertRefused(String expectedInReason) {
        assertEquals(1, fixture.deadLetterReasons.size(), fixture.deadLetterReasons::toString);
        assertTrue(lastReason().contains(expectedInReason), lastReason());
        fixture.deadLetterReasons.clear();
    }

    @Test
    void anActivityIdOverTheLimitIsDeadLetteredAndOneAtTheLimitCounts() {
        fixture.send(session(KARI, ORG, LONG_ID, null, "2026-03-20T10:00:00Z", 30), LOGGED);
        assertRefused("activity_id is 101 characters long; the limit is 100");

        fixture.send(session(KARI, ORG, ID_AT_LIMIT, null, "2026-03-20T10:00:00Z", 30), LOGGED);
        assertEquals(List.of(), fixture.deadLetterReasons);
        assertEquals(1, fixture.statsAsOf(KARI, LOGGED, ZONES).activityCount());
    }

    @Test
    void everyIdOfAnActivityIsBounded() {
        fixture.send(session(KARI, ORG, "a1", LONG_ID, "2026-03-20T10:00:00Z", 30), LOGGED);
        assertRefused("mentee_id is 101 characters long");
        fixture.send(session(KARI, LONG_ID, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        assertRefused("organisation_id is 101 characters long");
        fixture.send(session(LONG_ID, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        assertRefused("peer_mentor_id is 101 characters long");
        fixture.send(completion(KARI, ORG, LONG_ID, "2026-03-20T10:00:00Z"), LOGGED);
        assertRefused("module_id is 101 characters long");
        assertTrue(fixture.state(KARI).isEmpty());
    }

    @Test
    void anActivityDatedBefore2000IsRefusedWithTheReason() {
        fixture.send(session(KARI, ORG, "a1", null, "1900-01-01T10:00:00Z", 30), LOGGED);
        assertRefused("occurred_at 1900-01-01T10:00:00Z is before 2000-01-01T00:00:00Z");
        fixture.send(completion(KARI, ORG, "module-1", "1999-12-31T23:59:59Z"), LOGGED);
        assertRefused("completed_at 1999-12-31T23:59:59Z is before 2000-01-01T00:00:00Z");

        fixture.send(session(KARI, ORG, "a1", null, "2000-01-01T00:00:00Z", 30), LOGGED);
        assertEquals(List.of(), fixture.deadLetterReasons, "the first instant of 2000 is taken");
        assertEquals(1, fixture.statsAsOf(KARI, LOGGED, ZONES).activityCount());
    }

    @Test
    void aRaisedDurationBoundTakesWhatTheDefaultRefuses(@TempDir Path otherStateDir) {
        fixture.send(session(KARI, ORG, "camp", null, "2026-03-20T10:00:00Z", 2000), LOGGED);
        assertRefused("duration_minutes 2000 is outside 0..1440");

        try (TopologyFixture raised = new TopologyFixture(otherStateDir,
                new TopologySettings(fixture.topics, ZONES).withMaxActivityMinutes(2880))) {
            raised.send(session(KARI, ORG, "camp", null, "2026-03-20T10:00:00Z", 2000), LOGGED);
            raised.send(session(KARI, ORG, "too-long", null, "2026-03-21T10:00:00Z", 2881), LOGGED);
            assertEquals(List.of("processing: duration_minutes 2881 is outside 0..2880"), raised.deadLetterReasons);
            assertEquals(2000, raised.statsAsOf(KARI, LOGGED, ZONES).totalMinutes());
        }
    }

    @Test
    void idsAndNamesMayNotHoldControlCharacters() {
        fixture.send(session(KARI, ORG, "a\n1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        assertRefused("activity_id has a control character (U+000A) at index 1");
    }

    @Test
    void badgeCommandTextsAreBounded() {
        fixture.command(KARI, BadgeCommand.award("c1", "bdg-x", "admin", "n".repeat(Limits.MAX_TEXT_LENGTH + 1),
                LOGGED), LOGGED);
        assertRefused("note is 2001 characters long; the limit is 2000");
        fixture.command(KARI, BadgeCommand.revoke("c2", "eb-1", "r".repeat(Limits.MAX_TEXT_LENGTH + 1), LOGGED),
                LOGGED);
        assertRefused("revoke_reason is 2001 characters long; the limit is 2000");
        fixture.command(KARI, BadgeCommand.award("c3", "bdg-x", "a".repeat(Limits.MAX_NAME_LENGTH + 1), null,
                LOGGED), LOGGED);
        assertRefused("awarded_by is 201 characters long; the limit is 200");
    }

    @Test
    void aNewMenteePastTheBoundIsRefusedWholeAndWritesNothing() {
        Instant t = LOGGED;
        for (int i = 0; i < Limits.MAX_DISTINCT_MENTEES; i++) {
            fixture.send(session(KARI, ORG, "a" + i, "mentee-" + i, "2026-03-2" + (i % 5) + "T10:00:00Z", 1), t);
        }
        assertEquals(List.of(), fixture.deadLetterReasons);
        MentorStats before = fixture.statsAsOf(KARI, LOGGED, ZONES);
        Map<LocalDate, DayBucket> daysBefore = fixture.days(KARI);
        fixture.published();

        // A new day, a new mentee: the day bucket would be written first if the record were not computed first.
        fixture.send(session(KARI, ORG, "a-over", "mentee-new", "2026-03-25T10:00:00Z", 1), t);

        assertRefused("already names 1000 distinct mentees, the limit");
        assertEquals(before, fixture.statsAsOf(KARI, LOGGED, ZONES));
        assertEquals(daysBefore, fixture.days(KARI), "no day bucket written");
        assertEquals(List.of(), fixture.published());

        fixture.send(session(KARI, ORG, "a-known", "mentee-7", "2026-03-25T10:00:00Z", 1), t);
        assertEquals(List.of(), fixture.deadLetterReasons, "a known mentee is still taken");
        assertEquals(Limits.MAX_DISTINCT_MENTEES + 1, fixture.statsAsOf(KARI, LOGGED, ZONES).activityCount());

        fixture.send(session(KARI, ORG, "a-over", "mentee-new", "2026-03-25T10:00:00Z", 1), t);
        assertRefused("already names 1000 distinct mentees");
        fixture.send(session(KARI, ORG, "a999", "mentee-new", "2026-03-24T10:00:00Z", 1), t);
        assertEquals(List.of(), fixture.deadLetterReasons,
                "a correction that trades the only activity naming mentee-999 for a new mentee keeps the count at the bound");
        assertEquals(Limits.MAX_DISTINCT_MENTEES, fixture.statsAsOf(KARI, LOGGED, ZONES).uniqueMenteesCount());
    }

    @Test
    void aModulePastTheBoundIsRefused() {
        for (int i = 0; i < Limits.MAX_MODULES; i++) {
            fixture.send(completion(KARI, ORG, "module-" + i, "2026-03-20T10:00:00Z"), LOGGED);
        }
        fixture.send(completion(KARI, ORG, "module-over", "2026-03-20T10:00:00Z"), LOGGED);

        assertRefused("has already completed 200 modules, the limit");
        assertEquals(Limits.MAX_MODULES, fixture.statsAsOf(KARI, LOGGED, ZONES).trainingCompletionCount());
        fixture.send(completion(KARI, ORG, "module-3", "2026-03-19T10:00:00Z"), LOGGED);
        assertEquals(List.of(), fixture.deadLetterReasons, "an earlier completion of a known module is taken");
    }
}
