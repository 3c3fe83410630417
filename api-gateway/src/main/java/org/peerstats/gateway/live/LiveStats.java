package org.peerstats.gateway.live;

import java.time.Instant;
import org.peerstats.streams.stats.MentorStats;

/** The {@code stats} event: the numbers of a mentor's stats document a dashboard row shows. */
record LiveStats(String peerMentorId, String organisationId, long activityCount, long sessionCount,
                 double totalHoursMentored, int currentStreakDays, int longestStreakDays, Instant lastActiveAt,
                 Instant computedAt) {

    static LiveStats of(MentorStats stats) {
        return new LiveStats(stats.peerMentorId(), stats.organisationId(), stats.activityCount(), stats.sessionCount(),
                stats.totalHoursMentored(), stats.currentStreakDays(), stats.longestStreakDays(), stats.lastActiveAt(),
                stats.computedAt());
    }
}
