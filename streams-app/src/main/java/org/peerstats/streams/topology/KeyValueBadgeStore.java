package org.peerstats.streams.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.badges.BadgeHolding;
import org.peerstats.streams.badges.BadgeStore;
import org.peerstats.streams.badges.EarnedBadge;

/** {@link BadgeStore} over the topology's two mentor-scoped badge stores. */
final class KeyValueBadgeStore implements BadgeStore {

    private final KeyValueStore<MentorScopedKey, BadgeHolding> holdings;
    private final KeyValueStore<MentorScopedKey, EarnedBadge> earnedBadges;

    KeyValueBadgeStore(KeyValueStore<MentorScopedKey, BadgeHolding> holdings,
                       KeyValueStore<MentorScopedKey, EarnedBadge> earnedBadges) {
        this.holdings = holdings;
        this.earnedBadges = earnedBadges;
    }

    @Override
    public Optional<BadgeHolding> holding(String peerMentorId, String badgeDefinitionId) {
        return Optional.ofNullable(holdings.get(new MentorScopedKey(peerMentorId, badgeDefinitionId)));
    }

    @Override
    public void putHolding(String peerMentorId, BadgeHolding holding) {
        holdings.put(new MentorScopedKey(peerMentorId, holding.badgeDefinitionId()), holding);
    }

    @Override
    public Optional<EarnedBadge> earnedBadge(String peerMentorId, String earnedBadgeId) {
        return Optional.ofNullable(earnedBadges.get(new MentorScopedKey(peerMentorId, earnedBadgeId)));
    }

    @Override
    public void putEarnedBadge(EarnedBadge badge) {
        earnedBadges.put(new MentorScopedKey(badge.peerMentorId(), badge.id()), badge);
    }

    @Override
    public List<EarnedBadge> earnedBadges(String peerMentorId) {
        List<EarnedBadge> badges = new ArrayList<>();
        try (KeyValueIterator<MentorScopedKey, EarnedBadge> all = earnedBadges.prefixScan(
                new MentorScopedKey(peerMentorId, ""), MentorScopedKey.SERDE.serializer())) {
            all.forEachRemaining(entry -> badges.add(entry.value));
        }
        return badges;
    }
}
