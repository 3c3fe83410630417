package org.peerstats.streams.organisations;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.peerstats.streams.stats.CalendarPeriod;

/**
 * One of the periods an organisation's totals are kept for: a local ISO week, month or year
 * (named by its first day), or all time. Its text form ({@code week:2026-11-30},
 * {@code all_time}) is the middle of the stores' keys.
 *
 * @param period {@code null} for all time
 * @param start  the period's first local day; {@code null} for all time
 */
public record PeriodKey(CalendarPeriod period, LocalDate start) {

    public static final PeriodKey ALL_TIME = new PeriodKey(null, null);
    public static final String ALL_TIME_NAME = "all_time";
    /** The periods kept, besides all time: the day is not (a dashboard shows weeks and longer). */
    public static final List<CalendarPeriod> KEPT = List.of(CalendarPeriod.WEEK, CalendarPeriod.MONTH, CalendarPeriod.YEAR);

    public PeriodKey {
        if ((period == null) != (start == null) || (period != null && !period.start(start).equals(start))) {
            throw new IllegalArgumentException("not the start of a period: " + period + " " + start);
        }
    }

    public static PeriodKey of(CalendarPeriod period, LocalDate day) {
        return new PeriodKey(period, period.start(day));
    }

    /** The week, month and year that contain {@code day}, and all time: every key a day counts under. */
    public static List<PeriodKey> containing(LocalDate day) {
        return List.of(of(CalendarPeriod.WEEK, day), of(CalendarPeriod.MONTH, day), of(CalendarPeriod.YEAR, day), ALL_TIME);
    }

    /** {@code week|month|year|all_time}. */
    public String name() {
        return period == null ? ALL_TIME_NAME : period.wireName();
    }

    /** The period's last local day; {@code null} for all time. */
    public LocalDate end() {
        return period == null ? null : period.next(start).minusDays(1);
    }

    public boolean contains(LocalDate day) {
        return period == null || (!day.isBefore(start) && day.isBefore(period.next(start)));
    }

    @Override
    public String toString() {
        return period == null ? ALL_TIME_NAME : name() + ":" + start;
    }

    /** {@link #toString}'s form back, or empty when {@code text} is not one. */
    public static Optional<PeriodKey> parse(String text) {
        if (ALL_TIME_NAME.equals(text)) {
            return Optional.of(ALL_TIME);
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            Optional<CalendarPeriod> period = CalendarPeriod.fromWire(text.substring(0, colon))
                    .filter(KEPT::contains);
            LocalDate start = LocalDate.parse(text.substring(colon + 1));
            return period.filter(p -> p.start(start).equals(start)).map(p -> new PeriodKey(p, start));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
