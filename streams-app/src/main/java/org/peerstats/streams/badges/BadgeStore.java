package org.peerstats.streams.badges;

import java.util.List;
import java.util.Optional;

/**
 * Where {@link BadgeUpdater} keeps each mentor's badges. The topology backs it with two RocksDB
 * stores; tests can back it with maps. Keys are always scoped by the mentor.
 */
public interface BadgeStore {

    Optional<BadgeHolding> holding(String peerMentorId, String badgeDefinitionId);

    void putHolding(String peerMentorId, BadgeHolding holding);

    Optional<EarnedBadge> earnedBadge(String peerMentorId, String earnedBadgeId);

    void putEarnedBadge(EarnedBadge badge);

    /** Every earned badge of the mentor, held or revoked, in no particular order. */
    List<EarnedBadge> earnedBadges(String peerMentorId);
}
