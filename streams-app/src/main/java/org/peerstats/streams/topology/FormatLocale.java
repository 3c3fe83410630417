package org.peerstats.streams.topology;

import java.util.Locale;

/**
 * The default formatting locale of a process that runs the topology: {@link Locale#US}.
 *
 * <p>Since Kafka 4.2 (KAFKA-19682), before every record a task processes,
 * {@code PartitionGroup.readyToProcess} builds a diagnostic string with {@link String#format} for
 * each of the task's input partitions that has nothing buffered — six of an ingest task's seven
 * while activities are replayed. {@link java.util.Formatter} formats a {@code %d} with a freshly
 * built {@link java.text.DecimalFormatSymbols} unless its locale is exactly {@link Locale#US}; with
 * the {@code en} locale a JVM gets from {@code LANG=C.UTF-8} (containers, CI, this machine) that
 * construction alone was 15 % of the stream thread's CPU in the benchmark's profile.
 *
 * <p>peerstats formats nothing for people with the default locale (JSON, ISO-8601 instants,
 * {@link Locale#ROOT} where case is changed), so the switch changes no output of ours; it touches
 * only {@link Locale.Category#FORMAT}, not the display locale.
 */
public final class FormatLocale {

    private FormatLocale() {
    }

    /** Makes {@link Locale#US} the default formatting locale; returns the one it replaced. */
    public static Locale useUnitedStates() {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        return before;
    }
}
