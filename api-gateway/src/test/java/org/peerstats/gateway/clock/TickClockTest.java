package org.peerstats.gateway.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.peerstats.gateway.MutableClock;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.stats.OrganisationZones;

class TickClockTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final OrganisationZones ZONES = OrganisationZones.parse(OSLO,
            "org-chile=America/Santiago,org-oslo=Europe/Oslo,org-valpo=America/Santiago");

    /** What reached the topic: the tick and its record timestamp. */
    private record Written(ClockTick tick, Instant at) {
    }

    private final List<Written> written = new ArrayList<>();

    @Test
    void atStartItWritesTheCurrentDaysMidnightOfEveryZoneOnceStampedWhenTheDayBegan() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-28T22:30:00Z"));
        TickClock ticks = new TickClock(ZONES, OptionalInt.empty(), clock, (tick, at) -> written.add(new Written(tick, at)));

        ticks.tick();
        assertEquals(List.of(
                new Written(ClockTick.midnight(SANTIAGO, LocalDate.of(2026, 3, 28)), Instant.parse("2026-03-28T03:00:00Z")),
                new Written(ClockTick.midnight(OSLO, LocalDate.of(2026, 3, 28)), Instant.parse("2026-03-27T23:00:00Z"))),
                written, "one per zone, however many organisations share it");
        assertEquals(List.of(), ticks.tick(), "a day's tick is written once");

        clock.set(Instant.parse("2026-03-28T23:00:05Z"));
        assertEquals(List.of(ClockTick.midnight(OSLO, LocalDate.of(2026, 3, 29))), ticks.tick());
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), written.get(2).at());
    }

    @Test
    void aReminderTickComesAtTheLocalHourAndInAGapAtTheFirstInstantAfterIt() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-29T00:59:00Z"));
        TickClock ticks = new TickClock(OrganisationZones.of(OSLO), OptionalInt.of(2), clock,
                (tick, at) -> written.add(new Written(tick, at)));
        assertEquals(List.of(ClockTick.midnight(OSLO, LocalDate.of(2026, 3, 29))), ticks.tick());

        // 02:00 does not exist on 29 March 2026 in Oslo: 01:00 UTC is 03:00 summer time.
        clock.set(Instant.parse("2026-03-29T01:00:00Z"));
        assertEquals(List.of(ClockTick.reminder(OSLO, LocalDate.of(2026, 3, 29))), ticks.tick());
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), written.get(1).at());

        clock.set(Instant.parse("2026-03-30T00:30:00Z"));
        assertEquals(List.of(ClockTick.midnight(OSLO, LocalDate.of(2026, 3, 30)),
                ClockTick.reminder(OSLO, LocalDate.of(2026, 3, 30))), ticks.tick(),
                "02:30 summer time: both of the day are due");
        assertEquals(Instant.parse("2026-03-30T00:00:00Z"), written.get(3).at());
    }

    @Test
    void aTickTheSinkDidNotTakeIsWrittenAtTheNextLook() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        boolean[] down = {true};
        TickClock ticks = new TickClock(OrganisationZones.of(OSLO), OptionalInt.empty(), clock, (tick, at) -> {
            if (down[0]) {
                throw new org.apache.kafka.common.KafkaException("broker away");
            }
            written.add(new Written(tick, at));
        });
        assertThrows(org.apache.kafka.common.KafkaException.class, ticks::tick);
        down[0] = false;
        assertEquals(List.of(ClockTick.midnight(OSLO, LocalDate.of(2026, 12, 3))), ticks.tick());
    }
}
