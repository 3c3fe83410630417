package org.peerstats.streams.stats;

import java.time.LocalDate;

/**
 * One day bucket of a mentor as one event found it and as it left it: what the organisation's
 * totals need to follow the event exactly (the counts it moved, and whether the day became active
 * or empty).
 */
public record DayEdit(LocalDate day, DayBucket before, DayBucket after) {

    public boolean becameActive() {
        return before.isEmpty() && !after.isEmpty();
    }

    public boolean becameEmpty() {
        return !before.isEmpty() && after.isEmpty();
    }
}
