package org.peerstats.streams.badges;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;

/**
 * The statistics a badge criterion can test (DESIGN.md section 5), each read from a mentor's
 * {@link MentorStats}. {@link #CURRENT_STREAK_DAYS} is whatever the stats document says, so in the
 * topology it is the streak as of the record that triggered the evaluation — never the wall clock.
 */
public enum BadgeMetric {
    ACTIVITY_COUNT("activity_count", stats -> BigDecimal.valueOf(stats.activityCount()),
            period -> BigDecimal.valueOf(period.activities())),
    SESSION_COUNT("session_count", stats -> BigDecimal.valueOf(stats.sessionCount()),
            period -> BigDecimal.valueOf(period.sessions())),
    UNIQUE_MENTEES_COUNT("unique_mentees_count", stats -> BigDecimal.valueOf(stats.uniqueMenteesCount()), null),
    TOTAL_HOURS_MENTORED("total_hours_mentored", stats -> BigDecimal.valueOf(stats.totalHoursMentored()),
            period -> BigDecimal.valueOf(MentorState.hours(period.minutes()))),
    TRAINING_COMPLETION_COUNT("training_completion_count",
            stats -> BigDecimal.valueOf(stats.trainingCompletionCount()), null),
    LONGEST_STREAK_DAYS("longest_streak_days", stats -> BigDecimal.valueOf(stats.longestStreakDays()), null),
    CURRENT_STREAK_DAYS("current_streak_days", stats -> BigDecimal.valueOf(stats.currentStreakDays()), null);

    /** Looked up for every criterion of every badge on every stats change: a map, not a scan. */
    private static final Map<String, BadgeMetric> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(BadgeMetric::wireName, Function.identity()));

    private final String wireName;
    private final Function<MentorStats, BigDecimal> reader;
    /** The metric's value in one calendar period, for the metrics the day buckets hold; else {@code null}. */
    private final Function<PeriodTotals, BigDecimal> periodReader;

    BadgeMetric(String wireName, Function<MentorStats, BigDecimal> reader,
                Function<PeriodTotals, BigDecimal> periodReader) {
        this.wireName = wireName;
        this.reader = reader;
        this.periodReader = periodReader;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The metric's value in {@code stats}; hours with the two decimals the stats show. */
    public BigDecimal valueIn(MentorStats stats) {
        return reader.apply(stats);
    }

    /** Whether a criterion on the metric may carry a {@code period}: the day buckets hold it. */
    public boolean countsInPeriods() {
        return periodReader != null;
    }

    /** The metric's value in one calendar period; hours with two decimals, as in the stats. */
    public BigDecimal valueIn(PeriodTotals period) {
        if (periodReader == null) {
            throw new IllegalStateException(wireName + " is not counted per calendar period");
        }
        return periodReader.apply(period);
    }

    /** The wire names of the metrics that may carry a {@code period}. */
    public static String periodWireNames() {
        return Arrays.stream(values()).filter(BadgeMetric::countsInPeriods).map(BadgeMetric::wireName)
                .collect(Collectors.joining("|"));
    }

    /** The metric named {@code wireName} on the wire ({@code session_count}, ...), if there is one. */
    public static Optional<BadgeMetric> fromWire(String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    /** The wire names, for messages: {@code activity_count|session_count|...}. */
    public static String wireNames() {
        return Arrays.stream(values()).map(BadgeMetric::wireName).collect(Collectors.joining("|"));
    }
}
