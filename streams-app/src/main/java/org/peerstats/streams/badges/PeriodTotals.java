package org.peerstats.streams.badges;

import org.peerstats.streams.stats.DayBucket;

/**
 * A mentor's sums over the day buckets of one calendar period: what a windowed criterion compares
 * with its minimum.
 */
public record PeriodTotals(long activities, long sessions, long minutes) {

    public static final PeriodTotals NONE = new PeriodTotals(0, 0, 0);

    public PeriodTotals plus(DayBucket day) {
        return new PeriodTotals(activities + day.activities(), sessions + day.sessions(), minutes + day.minutes());
    }
}
