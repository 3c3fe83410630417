package org.peerstats.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/** The chaos suite's reference follows the documented rules, and its plan places every kind of round. */
class MentorReferenceTest {

    private static final Instant DAY = Instant.parse("2026-03-10T10:00:00Z");

    private final MentorReference mentor = new MentorReference("pm-1", "org-a", false);

    @Test
    void correctionReplacesDeleteRetractsForGoodAndRedeliveryChangesNothing() {
        mentor.startHistory();
        mentor.apply(upsert("a1", ActivityType.SESSION, "m1", DAY, 60), true);
        mentor.apply(upsert("a2", ActivityType.GROUP, "m2", DAY.plus(Duration.ofDays(1)), 30), true);
        assertEquals(new MentorReference.Expected(2, 1, 2, 150), mentor.expected());

        mentor.apply(upsert("a1", ActivityType.PHONE_CALL, "m2", DAY, 45), true); // a correction
        assertEquals(new MentorReference.Expected(2, 0, 1, 125), mentor.expected());
        mentor.apply(upsert("a1", ActivityType.PHONE_CALL, "m2", DAY, 45), true); // a redelivery
        assertEquals(new MentorReference.Expected(2, 0, 1, 125), mentor.expected());
        assertEquals(2, mentor.longestStreak());

        mentor.apply(delete("a2"), true);
        mentor.apply(upsert("a2", ActivityType.SESSION, "m3", DAY, 600), true); // ignored: deleted for good
        assertEquals(new MentorReference.Expected(1, 0, 1, 75), mentor.expected());
        assertEquals(1, mentor.longestStreak());
        assertEquals(2, mentor.ledgerEntries(), "one counted id and one tombstone");
    }

    @Test
    void badgesAreAwardedAndRevokedInTheOrderTheEventsWereAcknowledged() {
        for (int i = 0; i < 10; i++) {
            mentor.apply(upsert("a" + i, i == 0 ? ActivityType.SESSION : ActivityType.OTHER, "m" + (i % 5),
                    DAY.minus(Duration.ofDays(i * 2L)), 120), true);
        }
        mentor.apply(delete("a0"), true);
        mentor.apply(upsert("a10", ActivityType.OTHER, "m0", DAY, 120), true);

        Map<String, List<String>> transitions = mentor.transitions();
        assertEquals(List.of("badge_awarded", "badge_revoked"), transitions.get("bdg-def-001"), "first session");
        assertEquals(List.of("badge_awarded", "badge_revoked", "badge_awarded"), transitions.get("bdg-def-004"),
                "ten activities");
        assertEquals(List.of("badge_awarded", "badge_revoked", "badge_awarded"), transitions.get("bdg-def-005"),
                "twenty hours: 10 x 120 min");
        assertEquals(List.of("badge_awarded"), transitions.get("bdg-def-006"), "five mentees");
        assertFalse(transitions.containsKey("bdg-def-002"), "no 30-day streak");
    }

    @Test
    void freshMeansTheNumbersAtTheMarkOrAtAnyLaterAcknowledgedEvent() {
        mentor.startHistory();
        mentor.apply(upsert("a1", ActivityType.SESSION, "m1", DAY, 60), true);
        int mark = mentor.mark();
        mentor.apply(upsert("a2", ActivityType.SESSION, "m1", DAY, 60), true);

        assertFalse(mentor.freshSince(mark, new MentorReference.Expected(0, 0, 0, 0)), "from before the mark");
        assertTrue(mentor.freshSince(mark, new MentorReference.Expected(1, 1, 1, 100)), "at the mark");
        assertTrue(mentor.freshSince(mark, new MentorReference.Expected(2, 2, 1, 200)), "after it");
        assertFalse(mentor.freshSince(mark, new MentorReference.Expected(2, 2, 1, 201)), "never");
    }

    @Test
    void thePlanPutsTheBrokerRoundsAtAThirdAndTwoThirds() {
        ChaosOptions options = ChaosOptions.parse(new String[] {"--rounds", "20"}, Path.of("."));
        List<ChaosRun.RoundKind> plan = ChaosRun.plan(options);
        assertEquals(22, plan.size());
        assertEquals(ChaosRun.RoundKind.BROKER_HOLDER_KILL, plan.get(7));
        assertEquals(ChaosRun.RoundKind.BROKER_RESTART, plan.get(14));
        assertEquals(20, plan.stream().filter(k -> k == ChaosRun.RoundKind.INSTANCE_KILL).count());
    }

    private ActivityEvent upsert(String id, ActivityType type, String mentee, Instant occurred, int minutes) {
        return new ActivityEvent(EventOp.UPSERT, id, "pm-1", "org-a", type, mentee, occurred, minutes);
    }

    private ActivityEvent delete(String id) {
        return new ActivityEvent(EventOp.DELETE, id, "pm-1", null, null, null, null, null);
    }
}
