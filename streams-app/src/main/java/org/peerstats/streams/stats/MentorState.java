package org.peerstats.streams.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The running totals of one mentor, as kept in the {@code mentor-stats-state} store. Its size is
 * bounded by the mentor's mentees, modules and streak gaps — never by the number of events.
 * A working copy: loaded from the store, changed by {@link StatsUpdater}, written back.
 */
public final class MentorState {

    public String organisationId;
    public long activityCount;
    public long sessionCount;
    public long totalMinutes;
    /** Mentee id → how many live activities name that mentee (so a retraction can drop it). */
    public TreeMap<String, Integer> mentees = new TreeMap<>();
    /** Module id → when it was first completed. */
    public TreeMap<String, Instant> modules = new TreeMap<>();
    public StreakRuns activeDays = new StreakRuns();
    public Instant lastActiveAt;
    /** The record timestamp of the last event that changed these stats (never the wall clock). */
    public Instant computedAt;

    /**
     * The stats document as of {@code asOf}: the current streak is the one still going on the
     * local day of {@code asOf} (today or yesterday), so it falls to 0 for a mentor who stops.
     */
    public MentorStats toStats(String peerMentorId, Instant asOf, ZoneId zone) {
        LocalDate today = asOf.atZone(zone).toLocalDate();
        Optional<DayRun> current = activeDays.current(today);
        return new MentorStats(
                peerMentorId,
                organisationId,
                activityCount,
                sessionCount,
                mentees.size(),
                hours(totalMinutes),
                totalMinutes,
                modules.size(),
                List.copyOf(modules.keySet()),
                lastActiveAt,
                current.map(DayRun::length).orElse(0),
                current.map(run -> run.start().atStartOfDay(zone).toInstant()).orElse(null),
                activeDays.longestDays(),
                computedAt);
    }

    /**
     * The local day at whose start the current streak of the stats document as of
     * {@link #computedAt} ends, when that document shows one: two days after the latest active
     * day (the streak still counts on the day after it). Empty when the document shows no current
     * streak.
     */
    public Optional<LocalDate> lapseDay(ZoneId zone) {
        return lapseDay(activeDays.latest().map(DayRun::end).orElse(null), computedAt, zone);
    }

    static Optional<LocalDate> lapseDay(LocalDate latestActiveDay, Instant computedAt, ZoneId zone) {
        if (latestActiveDay == null || computedAt == null) {
            return Optional.empty();
        }
        LocalDate lapse = latestActiveDay.plusDays(2);
        return lapse.isAfter(computedAt.atZone(zone).toLocalDate()) ? Optional.of(lapse) : Optional.empty();
    }

    /**
     * The stats document at the start of {@code lapseDay}, when the current streak has ended;
     * also moves {@link #computedAt} there, for the date changed the stats.
     */
    public MentorStats lapse(String peerMentorId, LocalDate lapseDay, ZoneId zone) {
        Instant at = lapseDay.atStartOfDay(zone).toInstant();
        if (computedAt == null || at.isAfter(computedAt)) {
            computedAt = at;
        }
        return toStats(peerMentorId, at, zone);
    }

    /** Minutes as hours with at most two decimals, half up (90 min = 1.5, 20 min = 0.33). */
    public static double hours(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).doubleValue();
    }
}
