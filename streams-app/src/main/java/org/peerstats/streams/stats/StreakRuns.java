package org.peerstats.streams.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A mentor's active days kept as merged runs of consecutive calendar days. Its size is the number
 * of gaps, not of days or events. Adding a day is idempotent and joins neighbouring runs (a late
 * activity that fills a gap merges two streaks); removing the last activity of a day splits its
 * run. Days are compared as calendar dates, so a 23- or 25-hour daylight-saving day is one day.
 *
 * <p>The runs live in one sorted array of epoch days (start and end of each run in turn), which
 * is also their stored form: the mentor's state is decoded and encoded on every event, and
 * building a tree of dates for it was a visible share of the stream thread in the benchmark.
 * Finding a day is a binary search; a new or split run moves the runs after it along by one.
 */
public final class StreakRuns {

    /** Epoch days: start and end (inclusive) of each run in turn, ordered; runs never touch or overlap. */
    private int[] days;
    private int runs;

    public StreakRuns() {
        this(new int[8], 0);
    }

    private StreakRuns(int[] days, int runs) {
        this.days = days;
        this.runs = runs;
    }

    /**
     * The stored form: epoch days, start and end of each run in turn ({@code [20527, 20530, …]}).
     * Numbers, not ISO dates, because the mentor's state is read and written on every event and
     * parsing dates was a large part of that (measured with the benchmark's profile).
     */
    @JsonValue
    long[] epochDays() {
        long[] copy = new long[runs * 2];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = days[i];
        }
        return copy;
    }

    /**
     * How many active days lie in {@code from}..{@code to} (inclusive; {@code null} for an open
     * end): whether a mentor was active in a calendar period.
     */
    public long activeDaysBetween(LocalDate from, LocalDate to) {
        long first = from == null ? Long.MIN_VALUE : from.toEpochDay();
        long last = to == null ? Long.MAX_VALUE : to.toEpochDay();
        long total = 0;
        for (int i = 0; i < runs; i++) {
            long start = Math.max(days[2 * i], first);
            long end = Math.min(days[2 * i + 1], last);
            if (start <= end) {
                total += end - start + 1;
            }
        }
        return total;
    }

    /** @throws IllegalArgumentException unless the days are pairs of ordered runs that neither touch nor overlap */
    @JsonCreator
    static StreakRuns fromEpochDays(long[] epochDays) {
        if (epochDays.length % 2 != 0) {
            throw new IllegalArgumentException("streak runs need start and end days in pairs, got " + epochDays.length);
        }
        int[] days = new int[Math.max(8, epochDays.length)];
        for (int i = 0; i < epochDays.length; i++) {
            days[i] = Math.toIntExact(epochDays[i]);
            boolean ordered = i == 0 || (i % 2 == 1 ? days[i] >= days[i - 1] : days[i] > days[i - 1] + 1);
            if (!ordered) {
                throw new IllegalArgumentException("streak runs out of order or touching at position " + i + ": "
                        + Arrays.toString(epochDays));
            }
        }
        return new StreakRuns(days, epochDays.length / 2);
    }

    public List<DayRun> asList() {
        List<DayRun> list = new ArrayList<>(runs);
        for (int run = 0; run < runs; run++) {
            list.add(dayRun(run));
        }
        return list;
    }

    public boolean contains(LocalDate date) {
        int day = epochDay(date);
        int run = floor(day);
        return run >= 0 && end(run) >= day;
    }

    public void addDay(LocalDate date) {
        int day = epochDay(date);
        int run = floor(day);
        if (run >= 0 && end(run) >= day) {
            return;
        }
        boolean joinsBefore = run >= 0 && end(run) == day - 1;
        boolean joinsAfter = run + 1 < runs && start(run + 1) == day + 1;
        if (joinsBefore && joinsAfter) {
            days[2 * run + 1] = end(run + 1);
            removeRun(run + 1);
        } else if (joinsBefore) {
            days[2 * run + 1] = day;
        } else if (joinsAfter) {
            days[2 * (run + 1)] = day;
        } else {
            insertRun(run + 1, day, day);
        }
    }

    public void removeDay(LocalDate date) {
        int day = epochDay(date);
        int run = floor(day);
        if (run < 0 || end(run) < day) {
            return;
        }
        int start = start(run);
        int end = end(run);
        if (start == day && end == day) {
            removeRun(run);
        } else if (start == day) {
            days[2 * run] = day + 1;
        } else if (end == day) {
            days[2 * run + 1] = day - 1;
        } else {
            days[2 * run + 1] = day - 1;
            insertRun(run + 1, day + 1, end);
        }
    }

    public int longestDays() {
        int longest = 0;
        for (int run = 0; run < runs; run++) {
            longest = Math.max(longest, end(run) - start(run) + 1);
        }
        return longest;
    }

    /** The run that ends on the latest active day. */
    public Optional<DayRun> latest() {
        return runs == 0 ? Optional.empty() : Optional.of(dayRun(runs - 1));
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
        return runs == 0;
    }

    /** How many runs (streaks separated by gaps) there are. */
    public int runCount() {
        return runs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreakRuns that && runs == that.runs
                && Arrays.equals(days, 0, 2 * runs, that.days, 0, 2 * runs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Arrays.copyOf(days, 2 * runs));
    }

    @Override
    public String toString() {
        return asList().toString();
    }

    private int start(int run) {
        return days[2 * run];
    }

    private int end(int run) {
        return days[2 * run + 1];
    }

    private DayRun dayRun(int run) {
        return new DayRun(LocalDate.ofEpochDay(start(run)), LocalDate.ofEpochDay(end(run)));
    }

    /** The last run that starts on or before {@code day}, or -1. */
    private int floor(int day) {
        int low = 0;
        int high = runs - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (start(middle) <= day) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    private void insertRun(int at, int start, int end) {
        if (2 * (runs + 1) > days.length) {
            days = Arrays.copyOf(days, Math.max(8, days.length * 2));
        }
        System.arraycopy(days, 2 * at, days, 2 * at + 2, 2 * (runs - at));
        days[2 * at] = start;
        days[2 * at + 1] = end;
        runs++;
    }

    private void removeRun(int at) {
        System.arraycopy(days, 2 * at + 2, days, 2 * at, 2 * (runs - at - 1));
        runs--;
    }

    private static int epochDay(LocalDate date) {
        return Math.toIntExact(date.toEpochDay());
    }
}
