package org.peerstats.streams.badges;

import java.time.Instant;

/**
 * One award or revocation, published once on {@code badge-notifications} (key:
 * {@code peer_mentor_id}) for push and e-mail services.
 *
 * @param eventId      deterministic: the same transition always has the same id
 * @param occurredAt   the timestamp of the record that caused the transition
 * @param awardedBy    for {@code badge_awarded}; {@code null} for {@code badge_revoked}
 * @param revokeReason for {@code badge_revoked}; {@code null} for {@code badge_awarded}
 */
public record BadgeNotification(
        String eventId,
        NotificationType type,
        String earnedBadgeId,
        String badgeDefinitionId,
        String peerMentorId,
        String organisationId,
        String badgeName,
        String iconUrl,
        Instant occurredAt,
        String awardedBy,
        String revokeReason) {

    static BadgeNotification awarded(EarnedBadge badge) {
        return of(NotificationType.BADGE_AWARDED, badge, badge.awardedAt(), badge.awardedBy(), null);
    }

    static BadgeNotification revoked(EarnedBadge badge) {
        return of(NotificationType.BADGE_REVOKED, badge, badge.revokedAt(), null, badge.revokeReason());
    }

    private static BadgeNotification of(NotificationType type, EarnedBadge badge, Instant at, String awardedBy,
                                        String revokeReason) {
        return new BadgeNotification(EarnedBadgeIds.notificationEventId(type, badge.id()), type, badge.id(),
                badge.badgeDefinitionId(), badge.peerMentorId(), badge.organisationId(), badge.badgeName(),
                badge.iconUrl(), at, awardedBy, revokeReason);
    }
}
