package org.peerstats.streams.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mentor's active days kept as merged runs of consecutive calendar days. Its size is the number
 * of gaps, not of days or events. Adding a day is idempotent and joins neighbouring runs (a late
 * activity that fills a gap merges two streaks); removing the last activity of a day splits its
 * run. Days are compared as calendar dates, so a 23- or 25-hour daylight-saving day is one day.
 */
public final class StreakRuns {

    /** Run start → run end (inclusive), ordered by start; runs never touch or overlap. */
    private final TreeMap<LocalDate, LocalDate> runs = new TreeMap<>();

    public StreakRuns() {
    }

    @JsonCreator
    public static StreakRuns of(List<DayRun> runs) {
        StreakRuns result = new StreakRuns();
        if (runs != null) {
            runs.forEach(run -> result.runs.put(run.start(), run.end()));
        }
        return result;
    }

    @JsonValue
    public List<DayRun> asList() {
        List<DayRun> list = new ArrayList<>(runs.size());
        runs.forEach((start, end) -> list.add(new DayRun(start, end)));
        return list;
    }

    public boolean contains(LocalDate day) {
        Map.Entry<LocalDate, LocalDate> run = runs.floorEntry(day);
        return run != null && !run.getValue().isBefore(day);
    }

    public void addDay(LocalDate day) {
        if (contains(day)) {
            return;
        }
        LocalDate start = day;
        LocalDate end = day;
        Map.Entry<LocalDate, LocalDate> before = runs.lowerEntry(day);
        if (before != null && before.getValue().equals(day.minusDays(1))) {
            start = before.getKey();
        }
        LocalDate endOfRunAfter = runs.remove(day.plusDays(1));
        if (endOfRunAfter != null) {
            end = endOfRunAfter;
        }
        runs.put(start, end);
    }

    public void removeDay(LocalDate day) {
        Map.Entry<LocalDate, LocalDate> run = runs.floorEntry(day);
        if (run == null || run.getValue().isBefore(day)) {
            return;
        }
        runs.remove(run.getKey());
        if (run.getKey().isBefore(day)) {
            runs.put(run.getKey(), day.minusDays(1));
        }
        if (run.getValue().isAfter(day)) {
            runs.put(day.plusDays(1), run.getValue());
        }
    }

    public int longestDays() {
        int longest = 0;
        for (Map.Entry<LocalDate, LocalDate> run : runs.entrySet()) {
            longest = Math.max(longest, new DayRun(run.getKey(), run.getValue()).length());
        }
        return longest;
    }

    /** The run that ends on the latest active day. */
    public Optional<DayRun> latest() {
        Map.Entry<LocalDate, LocalDate> last = runs.lastEntry();
        return last == null ? Optional.empty() : Optional.of(new DayRun(last.getKey(), last.getValue()));
    }

    /**
     * The latest run, if it is still going as of {@code today}: it ends yesterday or later. "Later"
     * than today happens when an activity is logged ahead of the reader's day (allowed up to a day
     * ahead); that run is current too, or a mentor who just logged one would show no streak.
     */
    public Optional<DayRun> current(LocalDate today) {
        return latest().filter(run -> !run.end().isBefore(today.minusDays(1)));
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreakRuns that && runs.equals(that.runs);
    }

    @Override
    public int hashCode() {
        return runs.hashCode();
    }

    @Override
    public String toString() {
        return asList().toString();
    }
}
