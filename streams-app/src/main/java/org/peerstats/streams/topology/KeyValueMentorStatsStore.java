package org.peerstats.streams.topology;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.detail.MentorView;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.LedgerEntry;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStatsStore;

/** {@link MentorStatsStore} over the topology's three stats stores and the mentor-detail view (for the profile). */
final class KeyValueMentorStatsStore implements MentorStatsStore {

    private final KeyValueStore<MentorScopedKey, LedgerEntry> ledger;
    private final KeyValueStore<MentorScopedKey, DayBucket> days;
    private final KeyValueStore<String, MentorState> states;
    private final KeyValueStore<String, MentorView> views;

    KeyValueMentorStatsStore(KeyValueStore<MentorScopedKey, LedgerEntry> ledger,
                             KeyValueStore<MentorScopedKey, DayBucket> days,
                             KeyValueStore<String, MentorState> states,
                             KeyValueStore<String, MentorView> views) {
        this.ledger = ledger;
        this.days = days;
        this.states = states;
        this.views = views;
    }

    @Override
    public Optional<LedgerEntry> activity(String peerMentorId, String activityId) {
        return Optional.ofNullable(ledger.get(new MentorScopedKey(peerMentorId, activityId)));
    }

    @Override
    public void putActivity(String peerMentorId, String activityId, LedgerEntry entry) {
        ledger.put(new MentorScopedKey(peerMentorId, activityId), entry);
    }

    @Override
    public void removeActivity(String peerMentorId, String activityId) {
        ledger.delete(new MentorScopedKey(peerMentorId, activityId));
    }

    @Override
    public void forEachActivity(String peerMentorId, BiConsumer<String, LedgerEntry> action) {
        try (KeyValueIterator<MentorScopedKey, LedgerEntry> entries =
                     ledger.prefixScan(new MentorScopedKey(peerMentorId, ""), MentorScopedKey.SERDE.serializer())) {
            entries.forEachRemaining(entry -> action.accept(entry.key.id(), entry.value));
        }
    }

    @Override
    public Optional<DayBucket> day(String peerMentorId, LocalDate day) {
        return Optional.ofNullable(days.get(dayKey(peerMentorId, day)));
    }

    @Override
    public void putDay(String peerMentorId, LocalDate day, DayBucket bucket) {
        days.put(dayKey(peerMentorId, day), bucket.isEmpty() ? null : bucket);
    }

    @Override
    public Optional<MentorState> state(String peerMentorId) {
        return Optional.ofNullable(states.get(peerMentorId));
    }

    @Override
    public void putState(String peerMentorId, MentorState state) {
        states.put(peerMentorId, state);
    }

    @Override
    public Optional<String> profileOrganisation(String peerMentorId) {
        return Optional.ofNullable(views.get(peerMentorId))
                .map(MentorView::profile)
                .map(MentorProfile::organisationId);
    }

    static MentorScopedKey dayKey(String peerMentorId, LocalDate day) {
        return new MentorScopedKey(peerMentorId, day.toString());
    }
}
