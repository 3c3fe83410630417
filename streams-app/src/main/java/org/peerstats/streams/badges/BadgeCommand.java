package org.peerstats.streams.badges;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * A manual award or revocation, sent by the REST layer on the internal {@code badge-commands}
 * topic (key: {@code peer_mentor_id}) and applied by the topology, so every change of an earned
 * badge happens in one place, exactly once. The outcome is kept under {@code command_id} for the
 * REST call that waits for it.
 *
 * @param badgeDefinitionId for {@link Type#AWARD}
 * @param earnedBadgeId     for {@link Type#REVOKE}
 * @param awardedBy         for {@link Type#AWARD}: who awards it
 * @param note              for {@link Type#AWARD}, optional
 * @param revokeReason      for {@link Type#REVOKE}, optional
 * @param requestedAt       when the REST layer received the request (informational: the topology
 *                          uses the record's timestamp)
 */
public record BadgeCommand(
        String commandId,
        Type type,
        String badgeDefinitionId,
        String earnedBadgeId,
        String awardedBy,
        String note,
        String revokeReason,
        Instant requestedAt) {

    public enum Type {
        AWARD("award"),
        REVOKE("revoke");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    public static BadgeCommand award(String commandId, String badgeDefinitionId, String awardedBy, String note,
                                     Instant requestedAt) {
        return new BadgeCommand(commandId, Type.AWARD, badgeDefinitionId, null, awardedBy, note, null, requestedAt);
    }

    public static BadgeCommand revoke(String commandId, String earnedBadgeId, String revokeReason, Instant requestedAt) {
        return new BadgeCommand(commandId, Type.REVOKE, null, earnedBadgeId, null, null, revokeReason, requestedAt);
    }
}
