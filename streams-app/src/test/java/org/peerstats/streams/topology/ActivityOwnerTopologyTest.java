package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.streams.TestEvents.deleteActivity;
import static org.peerstats.streams.TestEvents.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.stats.MentorStats;

/** An activity_id is counted for one mentor: an upsert under another mentor moves it, a delete finds it. */
class ActivityOwnerTopologyTest extends TopologyTestSupport {

    private static final String OLE = "pm-ole-002";

    private long count(String mentor) {
        return fixture.statsAsOf(mentor, LOGGED, ZONES).activityCount();
    }

    @Test
    void anUpsertUnderAnotherMentorMovesTheActivity() {
        fixture.send(session(KARI, ORG, "a1", "m1", "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", "m2", "2026-03-21T10:00:00Z", 20), LOGGED);
        fixture.published();

        fixture.send(session(OLE, ORG, "a1", "m1", "2026-03-20T10:00:00Z", 30), LOGGED.plusSeconds(60));

        List<KeyValue<String, MentorStats>> published = fixture.published();
        assertEquals(List.of(KARI, OLE), published.stream().map(record -> record.key).toList(),
                "both mentors change: the former owner first");
        assertEquals(1, count(KARI));
        assertEquals(20, fixture.statsAsOf(KARI, LOGGED, ZONES).totalMinutes());
        assertEquals(1, fixture.statsAsOf(KARI, LOGGED, ZONES).uniqueMenteesCount(), "m2 only");
        assertEquals(Map.of(LocalDate.parse("2026-03-21"), fixture.days(KARI).get(LocalDate.parse("2026-03-21"))),
                fixture.days(KARI), "a1's day left Kari");
        assertEquals(1, count(OLE));
        assertEquals(30, fixture.statsAsOf(OLE, LOGGED, ZONES).totalMinutes());
        assertEquals(List.of(LocalDate.parse("2026-03-20")), List.copyOf(fixture.days(OLE).keySet()));
    }

    @Test
    void aMovedActivityCanMoveBackAndIsNeverCountedTwice() {
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(OLE, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED.plusSeconds(1));
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T11:00:00Z", 45), LOGGED.plusSeconds(2));
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T11:00:00Z", 45), LOGGED.plusSeconds(3));

        assertEquals(1, count(KARI));
        assertEquals(45, fixture.statsAsOf(KARI, LOGGED, ZONES).totalMinutes());
        assertEquals(0, count(OLE));
        assertEquals(Map.of(), fixture.days(OLE));
    }

    @Test
    void aDeleteUnderAnyMentorRetractsTheActivityWhereItIsCountedForGood() {
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(OLE, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED.plusSeconds(1));

        fixture.send(deleteActivity(KARI, "a1"), LOGGED.plusSeconds(2));
        assertEquals(0, count(OLE), "the delete was sent under Kari, the activity was Ole's: Ole loses it");
        assertEquals(0, count(KARI));

        fixture.send(session(OLE, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED.plusSeconds(3));
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED.plusSeconds(4));
        assertEquals(0, count(OLE));
        assertEquals(0, count(KARI));
        assertEquals(List.of(InputAnomaly.UPSERT_OF_DELETED_ACTIVITY, InputAnomaly.UPSERT_OF_DELETED_ACTIVITY),
                fixture.anomalies, "the ignored upserts are counted, not lost silently");
    }

    @Test
    void anOlderUpsertUnderAnotherMentorIsStaleAndMovesNothing() {
        fixture.send(session(OLE, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        // Kari's record is older than Ole's: read later only because its partition lagged.
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED.minusSeconds(3600));

        assertEquals(1, count(OLE));
        assertTrue(fixture.state(KARI).isEmpty(), "Kari never counted it");
        assertEquals(List.of(InputAnomaly.STALE_ACTIVITY_MOVE), fixture.anomalies);
        assertEquals(List.of(), fixture.deadLetterReasons);
    }

    @Test
    void aCorrectionUnderTheOwnerWithAnOlderTimestampStillApplies() {
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T10:00:00Z", 50), LOGGED.minusSeconds(60));

        assertEquals(50, fixture.statsAsOf(KARI, LOGGED, ZONES).totalMinutes(),
                "within one mentor the partition order decides, as before");
        assertEquals(List.of(), fixture.anomalies);
    }

    @Test
    void aMoveLeavesBothMentorsOtherActivitiesAndStreaks() {
        Instant t = LOGGED;
        for (int i = 1; i <= 3; i++) {
            fixture.send(session(KARI, ORG, "k" + i, null, "2026-03-2" + i + "T10:00:00Z", 10), t);
            fixture.send(session(OLE, ORG, "o" + i, null, "2026-03-2" + i + "T10:00:00Z", 10), t);
        }
        fixture.send(session(OLE, ORG, "k2", null, "2026-03-22T10:00:00Z", 10), t.plusSeconds(5));

        assertEquals(2, count(KARI));
        assertEquals(4, count(OLE));
        assertEquals(3, fixture.statsAsOf(OLE, LOGGED, ZONES).longestStreakDays());
        assertEquals(1, fixture.statsAsOf(KARI, LOGGED, ZONES).longestStreakDays(), "21 and 23 March are left");
    }

    @Test
    void upsertsUnderTwoMentorsWithOneTimestampEndWithTheGreaterMentorIdInEitherOrder() {
        fixture.send(session(OLE, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", null, "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(OLE, ORG, "a2", null, "2026-03-20T10:00:00Z", 30), LOGGED);

        // "pm-ole-002" > "pm-kari-001": Ole keeps a1 and takes a2, whichever came first.
        assertEquals(2, count(OLE));
        assertEquals(0, count(KARI));
        assertEquals(List.of(InputAnomaly.STALE_ACTIVITY_MOVE), fixture.anomalies);
    }

    @Test
    void aDeleteOfAnUnknownIdKeepsItDeletedUnderEveryMentor() {
        fixture.send(deleteActivity(KARI, "a1"), LOGGED);
        fixture.send(session(OLE, ORG, "a1", null, "2026-03-20T10:00:00Z", 30), LOGGED.plusSeconds(1));

        assertTrue(fixture.state(OLE).isEmpty());
        assertEquals(List.of(InputAnomaly.UPSERT_OF_DELETED_ACTIVITY), fixture.anomalies);
    }

    @Test
    void anActivityMovedToAMentorAtTheMenteeBoundIsCountedForNeitherUntilItIsSentAgain() {
        for (int i = 0; i < org.peerstats.streams.events.Limits.MAX_DISTINCT_MENTEES; i++) {
            fixture.send(session(OLE, ORG, "o" + i, "mentee-" + i, "2026-03-20T10:00:00Z", 1), LOGGED);
        }
        fixture.send(session(KARI, ORG, "a1", "kari-mentee", "2026-03-21T10:00:00Z", 30), LOGGED);

        fixture.send(session(OLE, ORG, "a1", "kari-mentee", "2026-03-21T10:00:00Z", 30), LOGGED.plusSeconds(1));

        assertEquals(0, count(KARI), "retracted from Kari by the owner stage");
        assertEquals(org.peerstats.streams.events.Limits.MAX_DISTINCT_MENTEES, count(OLE), "refused by Ole's bound");
        assertEquals(1, fixture.deadLetterReasons.size());
        assertTrue(fixture.deadLetterReasons.get(0).contains("counted for neither: send it again"),
                fixture.deadLetterReasons.get(0));

        fixture.send(session(KARI, ORG, "a1", "kari-mentee", "2026-03-21T10:00:00Z", 30), LOGGED.plusSeconds(2));
        assertEquals(1, count(KARI), "sent again under Kari, it is Kari's again");
    }
}
