package org.peerstats.streams.stats;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One mentor's activity on one local calendar day: the basis of the windowed counts (day, week,
 * month, year are sums of days) and of streaks (a day is active while its bucket is not empty).
 *
 * <p>A bucket holds sums only, so counting an activity costs the same however busy the day is.
 * The one thing sums cannot give back is the latest time after that activity is retracted; the
 * bucket keeps how many activities share the latest time, and only when the last of them goes
 * does {@link #minus} ask for the times of the day's other activities (which the ledger has).
 *
 * @param activities   how many live activities the day has
 * @param sessions     how many of them are sessions
 * @param minutes      their total duration
 * @param latestMillis when the latest of them happened (epoch millis; meaningless when empty)
 * @param atLatest     how many of them happened at exactly that instant
 */
public record DayBucket(int activities, int sessions, int minutes, long latestMillis, int atLatest) {

    public static final DayBucket EMPTY = new DayBucket(0, 0, 0, 0, 0);

    /** The bucket of a day whose live activities happened at {@code occurredAtMillis}, in any order. */
    public static DayBucket of(Collection<Long> occurredAtMillis, int sessions, int minutes) {
        if (occurredAtMillis.isEmpty()) {
            return EMPTY;
        }
        long latest = Collections.max(occurredAtMillis);
        int atLatest = (int) occurredAtMillis.stream().filter(time -> time == latest).count();
        return new DayBucket(occurredAtMillis.size(), sessions, minutes, latest, atLatest);
    }

    public boolean isEmpty() {
        return activities == 0;
    }

    public Optional<Instant> latest() {
        return isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latestMillis));
    }

    DayBucket plus(LedgerEntry activity) {
        long millis = activity.occurredAt().toEpochMilli();
        int sessionsAfter = sessions + activity.sessionCount();
        int minutesAfter = minutes + activity.durationMinutes();
        if (isEmpty() || millis > latestMillis) {
            return new DayBucket(activities + 1, sessionsAfter, minutesAfter, millis, 1);
        }
        return new DayBucket(activities + 1, sessionsAfter, minutesAfter, latestMillis,
                millis == latestMillis ? atLatest + 1 : atLatest);
    }

    /**
     * The bucket without {@code activity}.
     *
     * @param othersOnTheDay the times (epoch millis) of the day's other live activities; asked for
     *                       only when {@code activity} was the last one at the latest time
     */
    DayBucket minus(LedgerEntry activity, Supplier<long[]> othersOnTheDay) {
        int left = activities - 1;
        int sessionsAfter = sessions - activity.sessionCount();
        int minutesAfter = minutes - activity.durationMinutes();
        long millis = activity.occurredAt().toEpochMilli();
        if (left <= 0) {
            return EMPTY;
        }
        if (millis != latestMillis) {
            return new DayBucket(left, sessionsAfter, minutesAfter, latestMillis, atLatest);
        }
        if (atLatest > 1) {
            return new DayBucket(left, sessionsAfter, minutesAfter, latestMillis, atLatest - 1);
        }
        long latest = Long.MIN_VALUE;
        int count = 0;
        for (long other : othersOnTheDay.get()) {
            if (other > latest) {
                latest = other;
                count = 1;
            } else if (other == latest) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalStateException("a day with " + left + " activities left has none in the ledger");
        }
        return new DayBucket(left, sessionsAfter, minutesAfter, latest, count);
    }
}
