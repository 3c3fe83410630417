package org.peerstats.streams.stats;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where {@link StatsUpdater} reads and writes a mentor's state. The topology backs it with three
 * RocksDB stores (and reads the profile from the mentor-detail view); tests can back it with maps. Keys are always scoped by the mentor.
 */
public interface MentorStatsStore {

    Optional<LedgerEntry> activity(String peerMentorId, String activityId);

    void putActivity(String peerMentorId, String activityId, LedgerEntry entry);

    /** Forgets the activity: it was moved to another mentor (a deleted one keeps its tombstone). */
    void removeActivity(String peerMentorId, String activityId);

    /** Calls {@code action} with every ledger entry of the mentor (tombstones too), in no particular order. */
    void forEachActivity(String peerMentorId, BiConsumer<String, LedgerEntry> action);

    Optional<DayBucket> day(String peerMentorId, LocalDate day);

    /** Stores the bucket, or removes the day when the bucket is empty. */
    void putDay(String peerMentorId, LocalDate day, DayBucket bucket);

    Optional<MentorState> state(String peerMentorId);

    void putState(String peerMentorId, MentorState state);

    /** The organisation of the mentor's profile, when the mentor has one. */
    Optional<String> profileOrganisation(String peerMentorId);
}
