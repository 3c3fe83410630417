package org.peerstats.streams.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One mentor's activity on one local calendar day: the basis of the windowed counts (day, week,
 * month, year are sums of days) and of streaks (a day is active while its bucket is not empty).
 *
 * @param occurredAtMillis when each live activity of the day happened, sorted, one entry per
 *                         activity (so the activity count, and the latest time after a retraction)
 * @param sessions         how many of them are sessions
 * @param minutes          their total duration
 */
public record DayBucket(List<Long> occurredAtMillis, int sessions, int minutes) {

    public static final DayBucket EMPTY = new DayBucket(List.of(), 0, 0);

    public DayBucket {
        occurredAtMillis = List.copyOf(occurredAtMillis);
    }

    public int activities() {
        return occurredAtMillis.size();
    }

    public boolean isEmpty() {
        return occurredAtMillis.isEmpty();
    }

    public Optional<Instant> latest() {
        return isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(occurredAtMillis.get(occurredAtMillis.size() - 1)));
    }

    DayBucket plus(LedgerEntry activity) {
        List<Long> times = new ArrayList<>(occurredAtMillis);
        long millis = activity.occurredAt().toEpochMilli();
        int at = Collections.binarySearch(times, millis);
        times.add(at >= 0 ? at : -at - 1, millis);
        return new DayBucket(times, sessions + activity.sessionCount(), minutes + activity.durationMinutes());
    }

    DayBucket minus(LedgerEntry activity) {
        List<Long> times = new ArrayList<>(occurredAtMillis);
        times.remove(Long.valueOf(activity.occurredAt().toEpochMilli()));
        return new DayBucket(times, sessions - activity.sessionCount(), minutes - activity.durationMinutes());
    }
}
