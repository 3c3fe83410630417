package org.peerstats.streams.detail;

import org.peerstats.streams.stats.DayBucket;

/**
 * A mentor's activity in one calendar month, summed from the month's day buckets.
 *
 * @param period always {@value #MONTH}: the summary covers the current month as of the load
 */
public record ActivitySummary(long totalSessions, long totalActivities, String period) {

    public static final String MONTH = "month";

    public static ActivitySummary ofMonth(Iterable<DayBucket> days) {
        long sessions = 0;
        long activities = 0;
        for (DayBucket day : days) {
            sessions += day.sessions();
            activities += day.activities();
        }
        return new ActivitySummary(sessions, activities, MONTH);
    }
}
