package org.peerstats.streams.badges;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids, so that re-processing the same input gives the same ids and downstream
 * consumers can de-duplicate. Both are name-based UUIDs (RFC 4122 version 3) of what makes the
 * thing unique; every part is length-prefixed, so no two different inputs read the same.
 */
public final class EarnedBadgeIds {

    private EarnedBadgeIds() {
    }

    /**
     * The id of a mentor's {@code awardNumber}-th award of a definition (1 for the first; a badge
     * that is revoked and earned again gets the next number, so a new id).
     */
    public static String earnedBadgeId(String peerMentorId, String badgeDefinitionId, int awardNumber) {
        return "earned-" + uuid("earned-badge", peerMentorId, badgeDefinitionId, Integer.toString(awardNumber));
    }

    /** The id of the one notification of a transition: an earned badge is awarded once and revoked at most once. */
    public static String notificationEventId(NotificationType type, String earnedBadgeId) {
        return uuid("badge-notification", type.wireName(), earnedBadgeId).toString();
    }

    private static UUID uuid(String... parts) {
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(part.length()).append(':').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}
