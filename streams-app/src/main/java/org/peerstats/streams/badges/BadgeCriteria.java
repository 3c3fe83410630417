package org.peerstats.streams.badges;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.peerstats.streams.stats.CalendarPeriod;

/**
 * What a mentor must reach for a badge. One of two shapes (DESIGN.md section 6):
 * <ul>
 *   <li>a simple criterion, {@code metric >= min} over all time, or with a {@code period}
 *       ({@code day|week|month|year}) in some single calendar period of the organisation's zone:
 *       {@code {"metric":"activity_count","min":10,"period":"month"}};</li>
 *   <li>{@code {"all_of":[…]}}: every part holds, each windowed part in a period of its own. Parts
 *       are simple criteria; nesting is refused.</li>
 * </ul>
 * The metric and period stay strings as they came on the wire, so an unknown one is reported by
 * {@link BadgeInputValidator} with its name rather than failing deserialization.
 *
 * @param metric the wire name of a {@link BadgeMetric}
 * @param min    the smallest value that earns the badge
 * @param period the wire name of a {@link CalendarPeriod} ({@code month}), or {@code null} for all time
 * @param allOf  the parts of a combined criterion, or {@code null} for a simple one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BadgeCriteria(String metric, BigDecimal min, String period, List<BadgeCriteria> allOf) {

    /** Parts a combined criterion may have: enough for any programme, few enough to evaluate per event. */
    public static final int MAX_PARTS = 8;

    public BadgeCriteria {
        allOf = allOf == null ? null : List.copyOf(allOf);
    }

    /** A simple all-time criterion. */
    public BadgeCriteria(String metric, BigDecimal min) {
        this(metric, min, null, null);
    }

    /** A simple criterion in one calendar period. */
    public static BadgeCriteria windowed(String metric, BigDecimal min, CalendarPeriod period) {
        return new BadgeCriteria(metric, min, period.wireName(), null);
    }

    public static BadgeCriteria allOf(BadgeCriteria... parts) {
        return new BadgeCriteria(null, null, null, List.of(parts));
    }

    /** The simple criteria that must all hold: the parts of {@code all_of}, or this one alone. */
    public List<BadgeCriteria> parts() {
        return allOf != null ? allOf : List.of(this);
    }

    /** The metric; only call on a validated simple criterion. */
    public BadgeMetric knownMetric() {
        return BadgeMetric.fromWire(metric)
                .orElseThrow(() -> new IllegalStateException("unvalidated criteria with metric " + metric));
    }

    /** The calendar period of a validated simple criterion, or empty for an all-time one. */
    public Optional<CalendarPeriod> knownPeriod() {
        return period == null ? Optional.empty() : Optional.of(CalendarPeriod.fromWire(period)
                .orElseThrow(() -> new IllegalStateException("unvalidated criteria with period " + period)));
    }

    /** Whether any part counts in calendar periods (and so reads the mentor's day buckets). */
    public boolean windowed() {
        return parts().stream().anyMatch(part -> part.period() != null);
    }
}
