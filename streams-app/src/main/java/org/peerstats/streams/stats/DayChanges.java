package org.peerstats.streams.stats;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a mentor's day buckets one change raised (an activity counted on the day) or lowered
 * (one taken out): what a windowed badge criterion needs to know to look at the calendar periods
 * that changed instead of the mentor's whole history. {@link #UNKNOWN} asks for a look at all of it.
 *
 * @param unknown whether the days that changed are not known (a move to another organisation, a
 *                new definition): then every period is looked at
 */
public record DayChanges(Set<LocalDate> raised, Set<LocalDate> lowered, boolean unknown) {

    /** Nothing on the calendar changed: a training completion, a lapse, a profile. */
    public static final DayChanges NONE = new DayChanges(Set.of(), Set.of(), false);
    public static final DayChanges UNKNOWN = new DayChanges(Set.of(), Set.of(), true);

    public DayChanges {
        raised = Set.copyOf(raised);
        lowered = Set.copyOf(lowered);
    }

    /** Collects one event's day changes. */
    static final class Builder {

        private final Set<LocalDate> raised = new TreeSet<>();
        private final Set<LocalDate> lowered = new TreeSet<>();

        void raised(LocalDate day) {
            raised.add(day);
        }

        void lowered(LocalDate day) {
            lowered.add(day);
        }

        DayChanges build() {
            return raised.isEmpty() && lowered.isEmpty() ? NONE : new DayChanges(raised, lowered, false);
        }
    }
}
