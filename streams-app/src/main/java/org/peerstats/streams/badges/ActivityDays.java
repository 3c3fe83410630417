package org.peerstats.streams.badges;

import java.time.LocalDate;
import java.util.function.BiConsumer;
import org.peerstats.streams.stats.DayBucket;

/**
 * Read access to a mentor's day buckets (local calendar days in the organisation's zone), for the
 * windowed badge criteria. The topology backs it with the {@code daily-activity} store.
 */
public interface ActivityDays {

    /** A mentor without days, for criteria that do not read them. */
    ActivityDays NONE = new ActivityDays() {
        @Override
        public void forEachDay(String peerMentorId, LocalDate from, LocalDate to,
                               BiConsumer<LocalDate, DayBucket> action) {
        }

        @Override
        public void forEachDay(String peerMentorId, BiConsumer<LocalDate, DayBucket> action) {
        }
    };

    /** Every non-empty day of the mentor from {@code from} to {@code to} (inclusive), in date order. */
    void forEachDay(String peerMentorId, LocalDate from, LocalDate to, BiConsumer<LocalDate, DayBucket> action);

    /** Every non-empty day of the mentor, in date order. */
    void forEachDay(String peerMentorId, BiConsumer<LocalDate, DayBucket> action);
}
