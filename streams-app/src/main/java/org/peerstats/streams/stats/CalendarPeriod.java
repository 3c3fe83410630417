package org.peerstats.streams.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Local calendar periods for windowed counts: a day, an ISO week (Monday to Sunday), a calendar
 * month or year. Periods are computed on local dates and summed from day buckets, never from
 * Kafka's UTC-aligned time windows.
 */
public enum CalendarPeriod {
    DAY,
    WEEK,
    MONTH,
    YEAR;

    /** {@code day|week|month|year}, as badge criteria name them. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period named {@code wireName} ({@code month}), if there is one. */
    public static Optional<CalendarPeriod> fromWire(String wireName) {
        return Arrays.stream(values()).filter(period -> period.wireName().equals(wireName)).findFirst();
    }

    /** The wire names, for messages: {@code day|week|month|year}. */
    public static String wireNames() {
        return Arrays.stream(values()).map(CalendarPeriod::wireName).collect(Collectors.joining("|"));
    }

    /** The first day of the period that contains {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** The first day of the period after the one that starts on {@code start}. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
    }

    /** The last day of the period that contains {@code day}. */
    public LocalDate end(LocalDate day) {
        return next(start(day)).minusDays(1);
    }
}
