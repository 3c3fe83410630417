package org.peerstats.streams.badges;

/**
 * A change of one earned badge: its new record for {@code earned-badges}, and the notification
 * for {@code badge-notifications} when the change is an award or a revocation ({@code null} when
 * only the definition's name, description or icon changed).
 */
public record BadgeTransition(EarnedBadge badge, BadgeNotification notification) {

    static BadgeTransition awarded(EarnedBadge badge) {
        return new BadgeTransition(badge, BadgeNotification.awarded(badge));
    }

    static BadgeTransition revoked(EarnedBadge badge) {
        return new BadgeTransition(badge, BadgeNotification.revoked(badge));
    }

    static BadgeTransition redisplayed(EarnedBadge badge) {
        return new BadgeTransition(badge, null);
    }
}
