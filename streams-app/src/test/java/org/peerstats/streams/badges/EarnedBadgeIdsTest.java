package org.peerstats.streams.badges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarnedBadgeIdsTest {

    @Test
    void theSameAwardAlwaysHasTheSameId() {
        String id = EarnedBadgeIds.earnedBadgeId("pm-kari-001", "bdg-def-001", 1);
        assertEquals(id, EarnedBadgeIds.earnedBadgeId("pm-kari-001", "bdg-def-001", 1));
        assertTrue(id.matches("earned-[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
    }

    @Test
    void anotherMentorDefinitionOrAwardNumberGivesAnotherId() {
        String id = EarnedBadgeIds.earnedBadgeId("pm-kari-001", "bdg-def-001", 1);
        assertNotEquals(id, EarnedBadgeIds.earnedBadgeId("pm-kari-001", "bdg-def-001", 2));
        assertNotEquals(id, EarnedBadgeIds.earnedBadgeId("pm-kari-002", "bdg-def-001", 1));
        assertNotEquals(id, EarnedBadgeIds.earnedBadgeId("pm-kari-001", "bdg-def-002", 1));
        assertNotEquals(EarnedBadgeIds.earnedBadgeId("a:b", "c", 1), EarnedBadgeIds.earnedBadgeId("a", "b:c", 1),
                "the parts are length-prefixed, so moving a separator changes the id");
    }

    @Test
    void theAwardAndTheRevocationOfOneBadgeHaveDifferentStableEventIds() {
        String awarded = EarnedBadgeIds.notificationEventId(NotificationType.BADGE_AWARDED, "earned-x");
        assertEquals(awarded, EarnedBadgeIds.notificationEventId(NotificationType.BADGE_AWARDED, "earned-x"));
        assertNotEquals(awarded, EarnedBadgeIds.notificationEventId(NotificationType.BADGE_REVOKED, "earned-x"));
    }
}
