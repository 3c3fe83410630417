package org.peerstats.streams.topology;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.clock.TickKind;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.stats.StatsChange;

/**
 * One task's index of the streaks that lapse, with its zones' clocks.
 * <ul>
 *   <li>{@code streak-lapses}: {@code zone + " " + lapse day + " " + mentor} → mentor, one entry
 *       for each mentor whose stats document shows a current streak, at the local day that
 *       streak ends ({@link MentorState#lapseDay}). ISO dates sort as text, so the mentors that
 *       lapse by a day are one key range of the zone: a tick reads those and nothing else.</li>
 *   <li>{@code zone-clocks}: {@code <kind>:<zone>} → the latest day of that kind of tick applied,
 *       so a tick repeated (every instance writes them) or late changes nothing twice.</li>
 * </ul>
 */
final class StreakLapses {

    /** A mentor whose streak ends at the start of {@code day} in {@code zone}. */
    record Lapse(String key, String mentorId, LocalDate day) {
    }

    private final KeyValueStore<String, String> index;
    private final KeyValueStore<String, String> clocks;

    StreakLapses(KeyValueStore<String, String> index, KeyValueStore<String, String> clocks) {
        this.index = index;
        this.clocks = clocks;
    }

    static String key(ZoneId zone, LocalDate day, String mentorId) {
        return dayPrefix(zone, day) + mentorId;
    }

    private static String dayPrefix(ZoneId zone, LocalDate day) {
        return zone.getId() + " " + day + " ";
    }

    /**
     * Moves the mentor's entry from where its stats stood ({@code before}, {@code null} for a new
     * mentor) to where they stand now. Returns the lapse day when the zone's clock has already
     * passed it (an event stamped before a midnight that was applied first): the caller lapses
     * the streak at once, and no entry is kept.
     */
    Optional<LocalDate> track(String mentorId, StatsChange.StreakMark before, MentorState after,
                              OrganisationZones zones) {
        String oldKey = before == null ? null : before.lapseDay(zones.zoneOf(before.organisationId()))
                .map(day -> key(zones.zoneOf(before.organisationId()), day, mentorId)).orElse(null);
        ZoneId zone = zones.zoneOf(after.organisationId);
        Optional<LocalDate> day = after.lapseDay(zone);
        String newKey = day.map(lapse -> key(zone, lapse, mentorId)).orElse(null);
        if (Objects.equals(oldKey, newKey)) {
            return Optional.empty();
        }
        if (oldKey != null) {
            index.delete(oldKey);
        }
        if (day.isEmpty()) {
            return Optional.empty();
        }
        if (clock(TickKind.MIDNIGHT, zone).filter(midnight -> !day.get().isAfter(midnight)).isPresent()) {
            return day;
        }
        index.put(newKey, mentorId);
        return Optional.empty();
    }

    /** The entries of {@code zone} whose day is after {@code after} (any, when empty) and at most {@code upTo}. */
    List<Lapse> due(ZoneId zone, Optional<LocalDate> after, LocalDate upTo) {
        String from = after.map(day -> dayPrefix(zone, day.plusDays(1))).orElse(zone.getId() + " ");
        return range(from, dayPrefix(zone, upTo).stripTrailing() + "!");
    }

    /** The entries of {@code zone} whose streak ends at the start of {@code day}. */
    List<Lapse> lapsingOn(ZoneId zone, LocalDate day) {
        return range(dayPrefix(zone, day), dayPrefix(zone, day).stripTrailing() + "!");
    }

    void remove(Lapse lapse) {
        index.delete(lapse.key());
    }

    Optional<LocalDate> clock(TickKind kind, ZoneId zone) {
        return Optional.ofNullable(clocks.get(ClockTick.key(kind, zone.getId()))).map(LocalDate::parse);
    }

    void advance(TickKind kind, ZoneId zone, LocalDate day) {
        clocks.put(ClockTick.key(kind, zone.getId()), day.toString());
    }

    /** Collected before the caller changes the store: a cached store's iterator must not see its own writes. */
    private List<Lapse> range(String from, String to) {
        List<Lapse> lapses = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = index.range(from, to)) {
            while (entries.hasNext()) {
                KeyValue<String, String> entry = entries.next();
                String[] parts = entry.key.split(" ", 3);
                lapses.add(new Lapse(entry.key, entry.value, LocalDate.parse(parts[1])));
            }
        }
        return lapses;
    }
}
