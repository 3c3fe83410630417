package org.peerstats.streams.badges;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.peerstats.streams.stats.MentorStats;

/**
 * The statistics a badge criterion can test (DESIGN.md section 5), each read from a mentor's
 * {@link MentorStats}. {@link #CURRENT_STREAK_DAYS} is whatever the stats document says, so in the
 * topology it is the streak as of the record that triggered the evaluation — never the wall clock.
 */
public enum BadgeMetric {
    ACTIVITY_COUNT("activity_count", stats -> BigDecimal.valueOf(stats.activityCount())),
    SESSION_COUNT("session_count", stats -> BigDecimal.valueOf(stats.sessionCount())),
    UNIQUE_MENTEES_COUNT("unique_mentees_count", stats -> BigDecimal.valueOf(stats.uniqueMenteesCount())),
    TOTAL_HOURS_MENTORED("total_hours_mentored", stats -> BigDecimal.valueOf(stats.totalHoursMentored())),
    TRAINING_COMPLETION_COUNT("training_completion_count",
            stats -> BigDecimal.valueOf(stats.trainingCompletionCount())),
    LONGEST_STREAK_DAYS("longest_streak_days", stats -> BigDecimal.valueOf(stats.longestStreakDays())),
    CURRENT_STREAK_DAYS("current_streak_days", stats -> BigDecimal.valueOf(stats.currentStreakDays()));

    /** Looked up for every criterion of every badge on every stats change: a map, not a scan. */
    private static final Map<String, BadgeMetric> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(BadgeMetric::wireName, Function.identity()));

    private final String wireName;
    private final Function<MentorStats, BigDecimal> reader;

    BadgeMetric(String wireName, Function<MentorStats, BigDecimal> reader) {
        this.wireName = wireName;
        this.reader = reader;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The metric's value in {@code stats}; hours with the two decimals the stats show. */
    public BigDecimal valueIn(MentorStats stats) {
        return reader.apply(stats);
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
