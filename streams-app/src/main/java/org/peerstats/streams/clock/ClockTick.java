package org.peerstats.streams.clock;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One moment of a local day, as data: the {@code clock-ticks} topic (key {@link #key()},
 * {@code <kind>:<zone>}; compacted, so it holds each zone's latest tick of each kind). The
 * service writes one at the start of every local day in each organisation's zone and, when
 * reminders are on, one at the reminder hour; the topology reads them like any other input, so
 * its outputs stay a function of its input topics (a replay or a topology test pipes the same ticks).
 *
 * @param zone the IANA zone id, e.g. {@code Europe/Oslo}
 * @param date the local day the tick belongs to: a midnight tick starts it, a reminder tick is within it;
 *             read strictly as {@code yyyy-MM-dd} (not an instant cut to its UTC date)
 */
public record ClockTick(TickKind kind, String zone,
                        @JsonFormat(lenient = OptBoolean.FALSE) LocalDate date) {

    /** The record key every tick must carry: {@code <kind>:<zone>}. */
    public String key() {
        return key(kind, zone);
    }

    public static String key(TickKind kind, String zone) {
        return kind.wireName() + ":" + zone;
    }

    /** The midnight tick that starts {@code date} in {@code zone}. */
    public static ClockTick midnight(ZoneId zone, LocalDate date) {
        return new ClockTick(TickKind.MIDNIGHT, zone.getId(), date);
    }

    /** The reminder tick of {@code date} in {@code zone}. */
    public static ClockTick reminder(ZoneId zone, LocalDate date) {
        return new ClockTick(TickKind.REMINDER, zone.getId(), date);
    }

    /** The instant {@link #date} starts in {@link #zone}: when a midnight tick is due. */
    public Instant startOfDate() {
        return date.atStartOfDay(ZoneId.of(zone)).toInstant();
    }
}
