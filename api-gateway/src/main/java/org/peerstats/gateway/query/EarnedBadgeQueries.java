package org.peerstats.gateway.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.badges.EarnedBadgeIds;
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

    public EarnedBadgeQueries(LocalStoreReader reader) {
        this.reader = reader;
    }

    public Optional<EarnedBadge> byId(String earnedBadgeId) {
        return reader.read(StoreNames.EARNED_BADGES_GLOBAL, QueryableStoreTypes.<String, EarnedBadge>keyValueStore(),
                store -> Optional.ofNullable(store.get(earnedBadgeId)));
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

    /** Every earned badge that satisfies {@code filter}, in no particular order (a scan of the whole store). */
    public List<EarnedBadge> matching(Predicate<EarnedBadge> filter) {
        return reader.read(StoreNames.EARNED_BADGES_GLOBAL, QueryableStoreTypes.<String, EarnedBadge>keyValueStore(),
                store -> {
                    List<EarnedBadge> found = new ArrayList<>();
                    try (KeyValueIterator<String, EarnedBadge> all = store.all()) {
                        all.forEachRemaining(entry -> {
                            if (filter.test(entry.value)) {
                                found.add(entry.value);
                            }
                        });
                    }
                    return found;
                });
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
