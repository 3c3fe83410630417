package org.peerstats.streams.clock;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.events.Limits;

/**
 * The rules a {@link ClockTick} must keep before the topology follows it. A tick moves the
 * mentors' days forward for good, so one from the future is refused: its day must have begun by
 * the record's timestamp (with {@link #MAX_EARLY} for clocks that run ahead). Checked against the
 * record's timestamp, never the wall clock, so a replay refuses exactly the same ticks.
 */
public final class ClockTickValidator {

    /** How long before its day starts a tick may be written (a producer clock slightly ahead). */
    public static final Duration MAX_EARLY = Duration.ofMinutes(5);
    /** The longest zone id taken; IANA region ids are far shorter. */
    static final int MAX_ZONE_LENGTH = 64;
    /** The earliest day a tick may name: the day of {@link Limits#EARLIEST_TIME}. */
    static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);

    private ClockTickValidator() {
    }

    public static void validate(String key, ClockTick tick, Instant recordTime) {
        if (tick == null) {
            throw new InvalidEventException("missing clock tick (a tombstone is not a tick)");
        }
        if (tick.kind() == null) {
            throw new InvalidEventException("missing field kind");
        }
        if (tick.zone() == null || tick.zone().isBlank()) {
            throw new InvalidEventException("missing field zone");
        }
        Limits.requireAtMost(tick.zone(), MAX_ZONE_LENGTH, "zone");
        ZoneId zone = zoneOf(tick.zone());
        if (tick.date() == null) {
            throw new InvalidEventException("missing field date");
        }
        if (!Objects.equals(key, tick.key())) {
            throw new InvalidEventException("record key '" + key + "' is not the tick's '" + tick.key() + "'");
        }
        if (tick.date().isBefore(EARLIEST_DATE)) {
            throw new InvalidEventException("date " + tick.date() + " is before " + EARLIEST_DATE + ", the earliest day taken");
        }
        Instant start = tick.date().atStartOfDay(zone).toInstant();
        if (start.isAfter(recordTime.plus(MAX_EARLY))) {
            throw new InvalidEventException("date " + tick.date() + " starts in " + zone.getId() + " at " + start
                    + ", after the record's timestamp " + recordTime + ": a tick cannot come before its day");
        }
    }

    /** The zone of an id as Java writes it ({@code Europe/Oslo}, {@code UTC}, {@code +01:00}), so the key is unique. */
    private static ZoneId zoneOf(String id) {
        ZoneId zone;
        try {
            zone = ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidEventException("zone '" + id + "' is not a time-zone id: " + e.getMessage());
        }
        if (!zone.getId().equals(id)) {
            throw new InvalidEventException("zone '" + id + "' is written '" + zone.getId() + "'");
        }
        return zone;
    }
}
