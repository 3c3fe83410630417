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

    /**
     * The stored form: epoch days, start and end of each run in turn ({@code [20527, 20530, …]}).
     * Numbers, not ISO dates, because the mentor's state is read and written on every event and
     * parsing dates was a large part of that (measured with the benchmark's profile).
     */
    @JsonValue
    long[] epochDays() {
        long[] days = new long[runs.size() * 2];
        int i = 0;
        for (Map.Entry<LocalDate, LocalDate> run : runs.entrySet()) {
            days[i++] = run.getKey().toEpochDay();
            days[i++] = run.getValue().toEpochDay();
        }
        return days;
    }

    @JsonCreator
    static StreakRuns fromEpochDays(long[] days) {
        if (days.length % 2 != 0) {
            throw new IllegalArgumentException("streak runs need start and end days in pairs, got " + days.length);
        }
        StreakRuns result = new StreakRuns();
        for (int i = 0; i < days.length; i += 2) {
            result.runs.put(LocalDate.ofEpochDay(days[i]), LocalDate.ofEpochDay(days[i + 1]));
        }
        return result;
    }

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
