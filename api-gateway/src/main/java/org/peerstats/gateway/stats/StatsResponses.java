package org.peerstats.gateway.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The JSON bodies of the peer-mentor-stats endpoints, field for field as in
 * {@code contracts/peer-mentor-stats.txt} (snake_case on the wire), plus the windowed additions.
 */
public final class StatsResponses {

    private StatsResponses() {
    }

    public record Stats(
            String peerMentorId,
            String organisationId,
            long activityCount,
            int currentStreakDays,
            int trainingCompletionCount,
            long sessionCount,
            int uniqueMenteesCount,
            double totalHoursMentored,
            Instant lastActiveAt,
            Instant computedAt) {
    }

    public record ActivityCount(String peerMentorId, long activityCount, Instant computedAt) {
    }

    /**
     * The count for one local calendar period.
     *
     * @param periodStart local midnight of the period's first day, as an instant
     * @param periodEnd   local midnight after its last day (exclusive)
     */
    public record PeriodActivityCount(
            String peerMentorId,
            String period,
            LocalDate date,
            Instant periodStart,
            Instant periodEnd,
            long activityCount,
            long sessionCount,
            long totalMinutes,
            Instant computedAt) {
    }

    public record Streak(
            String peerMentorId,
            int currentStreakDays,
            Instant streakStartedAt,
            Instant lastActiveAt,
            int longestStreakDays,
            Instant computedAt) {
    }

    public record TrainingCompletions(
            String peerMentorId,
            int trainingCompletionCount,
            List<String> completedModuleIds,
            Instant computedAt) {
    }

    public record SeriesPoint(
            LocalDate date,
            Instant periodStart,
            Instant periodEnd,
            long activityCount,
            long sessionCount,
            long totalMinutes) {
    }

    public record ActivitySeries(
            String peerMentorId,
            String granularity,
            LocalDate from,
            LocalDate to,
            String timeZone,
            List<SeriesPoint> series,
            Instant computedAt) {
    }
}
