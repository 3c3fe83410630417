package org.peerstats.gateway.query;

import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.badges.EarnedBadgeIds;
import org.peerstats.streams.badges.EarnedBadgeLists;
import org.peerstats.streams.lists.IndexedStore;
import org.peerstats.streams.lists.Page;
import org.peerstats.streams.topology.MentorScopedKey;
import org.peerstats.streams.topology.KnownDefinition;
import org.peerstats.streams.topology.StoreNames;

/**
 * Reads earned badges, badge definitions and badge-command outcomes from the topology's stores.
 * Earned badges come from the global store, which every instance holds in full; definitions and
 * outcomes from this instance's tasks (every task holds every definition; an outcome is held by
 * the task of its mentor).
 */
public final class EarnedBadgeQueries {

    private final LocalStoreReader reader;
    private final Deserializer<EarnedBadge> badges;

    public EarnedBadgeQueries(LocalStoreReader reader, Topics topics) {
        this.reader = reader;
        this.badges = topics.earnedBadges().valueSerde().deserializer();
    }

    public Optional<EarnedBadge> byId(String earnedBadgeId) {
        return reader.read(StoreNames.EARNED_BADGES_GLOBAL, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(),
                store -> IndexedStore.get(store, badges, earnedBadgeId));
    }

    /**
     * The badge of {@code badgeDefinitionId} that the mentor holds now, if any. Earned-badge ids are
     * numbered by award ({@link EarnedBadgeIds}) and only the latest award can be held, so this
     * looks up the mentor's awards of the definition one by one instead of scanning the store.
     */
    public Optional<EarnedBadge> held(String peerMentorId, String badgeDefinitionId) {
        for (int award = 1; ; award++) {
            Optional<EarnedBadge> badge = byId(EarnedBadgeIds.earnedBadgeId(peerMentorId, badgeDefinitionId, award));
            if (badge.isEmpty() || badge.get().held()) {
                return badge;
            }
        }
    }

    /**
     * One page of the badges of an organisation and/or a mentor (each filter optional), ordered by
     * {@code awarded_at} then id, with the exact total: a range scan over that list's entries in the
     * global store, never a scan of the store ({@link EarnedBadgeLists}).
     */
    public Page<EarnedBadge> list(Optional<String> organisationId, Optional<String> peerMentorId,
                                  boolean includeRevoked, long offset, int limit) {
        byte[] scope = EarnedBadgeLists.scope(organisationId, peerMentorId, includeRevoked);
        return reader.read(StoreNames.EARNED_BADGES_GLOBAL, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(),
                store -> IndexedStore.list(store, badges, scope, offset, limit));
    }

    public Optional<BadgeDefinition> definition(ReadScope scope, String badgeDefinitionId) {
        return reader.read(scope, OptionalInt.empty(), StoreNames.BADGE_DEFINITIONS,
                QueryableStoreTypes.<String, KnownDefinition>keyValueStore(),
                store -> Optional.ofNullable(store.get(badgeDefinitionId)).map(KnownDefinition::definition));
    }

    public Optional<CommandOutcome> outcome(ReadScope scope, String peerMentorId, String commandId) {
        return reader.read(scope, OptionalInt.empty(), StoreNames.BADGE_COMMAND_OUTCOMES,
                QueryableStoreTypes.<MentorScopedKey, CommandOutcome>keyValueStore(),
                store -> Optional.ofNullable(store.get(new MentorScopedKey(peerMentorId, commandId))));
    }
}
