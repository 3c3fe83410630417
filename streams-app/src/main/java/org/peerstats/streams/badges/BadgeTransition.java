package org.peerstats.streams.badges;

/**
 * A change of one earned badge: its new record for {@code earned-badges}, and the notification
 * for {@code badge-notifications} when the change is an award or a revocation ({@code null} when
 * only the definition's name, description, icon or the mentor's organisation changed), with the
 * record it replaces ({@code previous}: {@code null} for an award, whose badge is new or was
 * revoked) for the organisation's totals.
 */
public record BadgeTransition(EarnedBadge badge, BadgeNotification notification, EarnedBadge previous) {

    static BadgeTransition awarded(EarnedBadge badge) {
        return new BadgeTransition(badge, BadgeNotification.awarded(badge), null);
    }

    static BadgeTransition revoked(EarnedBadge held, EarnedBadge revoked) {
        return new BadgeTransition(revoked, BadgeNotification.revoked(revoked), held);
    }

    static BadgeTransition redisplayed(EarnedBadge previous, EarnedBadge badge) {
        return new BadgeTransition(badge, null, previous);
    }
}
