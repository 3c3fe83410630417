package org.peerstats.streams.stats;

import java.time.Instant;
import java.util.List;

/**
 * The full statistics document of one mentor: published on {@code mentor-stats} on every change
 * (with the streak as of the change's record time) and served by the REST API (with the streak
 * as of the query). Field meanings are those of DESIGN.md section 5.
 */
public record MentorStats(
        String peerMentorId,
        String organisationId,
        long activityCount,
        long sessionCount,
        int uniqueMenteesCount,
        double totalHoursMentored,
        long totalMinutes,
        int trainingCompletionCount,
        List<String> completedModuleIds,
        Instant lastActiveAt,
        int currentStreakDays,
        Instant streakStartedAt,
        int longestStreakDays,
        Instant computedAt) {
}
