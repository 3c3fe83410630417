package org.peerstats.streams.stats;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A {@link MentorStatsStore} that holds one event's writes in memory, reading its own writes
 * through, until {@link #commit()} writes them all to the store under it. {@link StatsUpdater}
 * computes an event on it and commits only after every check passed, so an event that is refused
 * midway leaves no trace in the stores.
 */
final class StagedStatsStore implements MentorStatsStore {

    /** A staged value; {@code null} stands for a deletion. */
    private record Staged<V>(V value) {
    }

    private record Key(String peerMentorId, String id) {
    }

    private record DayKey(String peerMentorId, LocalDate day) {
    }

    private final MentorStatsStore target;
    private final Map<Key, Staged<LedgerEntry>> activities = new LinkedHashMap<>();
    private final Map<DayKey, DayBucket> days = new LinkedHashMap<>();
    private final Map<String, MentorState> states = new HashMap<>();

    StagedStatsStore(MentorStatsStore target) {
        this.target = target;
    }

    @Override
    public Optional<LedgerEntry> activity(String peerMentorId, String activityId) {
        Staged<LedgerEntry> staged = activities.get(new Key(peerMentorId, activityId));
        return staged != null ? Optional.ofNullable(staged.value()) : target.activity(peerMentorId, activityId);
    }

    @Override
    public void putActivity(String peerMentorId, String activityId, LedgerEntry entry) {
        activities.put(new Key(peerMentorId, activityId), new Staged<>(entry));
    }

    @Override
    public void removeActivity(String peerMentorId, String activityId) {
        activities.put(new Key(peerMentorId, activityId), new Staged<>(null));
    }

    @Override
    public void forEachActivity(String peerMentorId, BiConsumer<String, LedgerEntry> action) {
        target.forEachActivity(peerMentorId, (id, entry) -> {
            if (!activities.containsKey(new Key(peerMentorId, id))) {
                action.accept(id, entry);
            }
        });
        activities.forEach((key, staged) -> {
            if (key.peerMentorId().equals(peerMentorId) && staged.value() != null) {
                action.accept(key.id(), staged.value());
            }
        });
    }

    @Override
    public Optional<DayBucket> day(String peerMentorId, LocalDate day) {
        DayKey key = new DayKey(peerMentorId, day);
        return days.containsKey(key) ? Optional.of(days.get(key)).filter(bucket -> !bucket.isEmpty())
                : target.day(peerMentorId, day);
    }

    @Override
    public void putDay(String peerMentorId, LocalDate day, DayBucket bucket) {
        days.put(new DayKey(peerMentorId, day), bucket);
    }

    @Override
    public Optional<MentorState> state(String peerMentorId) {
        MentorState staged = states.get(peerMentorId);
        return staged != null ? Optional.of(staged) : target.state(peerMentorId);
    }

    @Override
    public void putState(String peerMentorId, MentorState state) {
        states.put(peerMentorId, state);
    }

    @Override
    public Optional<String> profileOrganisation(String peerMentorId) {
        return target.profileOrganisation(peerMentorId);
    }

    /** Writes every staged change to the store under this one, in the order staged. */
    void commit() {
        activities.forEach((key, staged) -> {
            if (staged.value() == null) {
                target.removeActivity(key.peerMentorId(), key.id());
            } else {
                target.putActivity(key.peerMentorId(), key.id(), staged.value());
            }
        });
        days.forEach((key, bucket) -> target.putDay(key.peerMentorId(), key.day(), bucket));
        states.forEach(target::putState);
    }
}
