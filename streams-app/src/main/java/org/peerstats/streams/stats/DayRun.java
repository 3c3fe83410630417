package org.peerstats.streams.stats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A run of consecutive active calendar days, both ends included. */
public record DayRun(LocalDate start, LocalDate end) {

    public int length() {
        return Math.toIntExact(ChronoUnit.DAYS.between(start, end) + 1);
    }
}
