package org.peerstats.streams.topology;

import java.time.LocalDate;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.badges.ActivityDays;
import org.peerstats.streams.stats.DayBucket;

/**
 * {@link ActivityDays} over the {@code daily-activity} store, whose keys are
 * {@code (peer_mentor_id, ISO date)}: a mentor's days are one contiguous, date-ordered key range.
 */
final class KeyValueActivityDays implements ActivityDays {

    private final KeyValueStore<MentorScopedKey, DayBucket> days;

    KeyValueActivityDays(KeyValueStore<MentorScopedKey, DayBucket> days) {
        this.days = days;
    }

    @Override
    public void forEachDay(String peerMentorId, LocalDate from, LocalDate to, BiConsumer<LocalDate, DayBucket> action) {
        try (KeyValueIterator<MentorScopedKey, DayBucket> range = days.range(
                new MentorScopedKey(peerMentorId, from.toString()), new MentorScopedKey(peerMentorId, to.toString()))) {
            each(range, action);
        }
    }

    @Override
    public void forEachDay(String peerMentorId, BiConsumer<LocalDate, DayBucket> action) {
        try (KeyValueIterator<MentorScopedKey, DayBucket> all = days.prefixScan(
                new MentorScopedKey(peerMentorId, ""), MentorScopedKey.SERDE.serializer())) {
            each(all, action);
        }
    }

    private static void each(KeyValueIterator<MentorScopedKey, DayBucket> entries,
                             BiConsumer<LocalDate, DayBucket> action) {
        while (entries.hasNext()) {
            KeyValue<MentorScopedKey, DayBucket> entry = entries.next();
            action.accept(LocalDate.parse(entry.key.id()), entry.value);
        }
    }
}
