package org.peerstats.gateway.query;

import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Visibility;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.topology.MentorScopedKey;
import org.peerstats.streams.topology.StoreNames;

/** Reads one mentor's stats and day buckets from the topology's stores. */
public final class MentorStatsQueries {

    private final LocalStoreReader reader;

    public MentorStatsQueries(LocalStoreReader reader) {
        this.reader = reader;
    }

    /**
     * The mentor's state, if the mentor is known (once it has statistics) and {@code caller} may
     * see it; 404 otherwise, the same for a mentor outside the caller's reach as for an unknown one.
     */
    public MentorState visibleTo(ReadScope scope, Principal caller, String peerMentorId) {
        return Visibility.mentor(caller, peerMentorId, id -> state(scope, id), state -> state.organisationId)
                .orElseThrow(() -> ApiException.notFound("no peer mentor '" + peerMentorId
                        + "' (a mentor is known once it has statistics)"));
    }

    /**
     * The mentor's state, from the partition the router located (where the topology placed the
     * mentor); from every local partition when the request was not routed for this mentor.
     */
    public Optional<MentorState> state(ReadScope scope, String peerMentorId) {
        return reader.read(scope, scope.partitionOf(peerMentorId), StoreNames.MENTOR_STATS,
                QueryableStoreTypes.<String, MentorState>keyValueStore(), store -> Optional.ofNullable(store.get(peerMentorId)));
    }

    /** The mentor's active days from {@code from} to {@code to}, both included, in date order. */
    public NavigableMap<LocalDate, DayBucket> days(ReadScope scope, String peerMentorId, LocalDate from, LocalDate to) {
        return reader.read(scope, scope.partitionOf(peerMentorId), StoreNames.DAILY_ACTIVITY,
                QueryableStoreTypes.<MentorScopedKey, DayBucket>keyValueStore(),
                store -> collect(store, peerMentorId, from, to));
    }

    private static NavigableMap<LocalDate, DayBucket> collect(ReadOnlyKeyValueStore<MentorScopedKey, DayBucket> store,
            String peerMentorId, LocalDate from, LocalDate to) {
        NavigableMap<LocalDate, DayBucket> days = new TreeMap<>();
        try (KeyValueIterator<MentorScopedKey, DayBucket> it = store.range(
                new MentorScopedKey(peerMentorId, from.toString()), new MentorScopedKey(peerMentorId, to.toString()))) {
            while (it.hasNext()) {
                KeyValue<MentorScopedKey, DayBucket> entry = it.next();
                days.put(LocalDate.parse(entry.key.id()), entry.value);
            }
        }
        return days;
    }
}
