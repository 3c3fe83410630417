package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.peerstats.streams.TestEvents.deleteActivity;
import static org.peerstats.streams.TestEvents.session;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.organisations.OrganisationDelta;
import org.peerstats.streams.organisations.PeriodKey;
import org.peerstats.streams.organisations.Tally;
import org.peerstats.streams.stats.CalendarPeriod;
import org.peerstats.streams.stats.OrganisationZones;

/** The organisations' totals as the topology keeps them, for hand-made histories. */
class OrganisationTotalsTopologyTest {

    private static final String OSLO = "org-oslo";
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private TopologyFixture fixture;

    @BeforeEach
    void start(@TempDir Path stateDir) {
        fixture = new TopologyFixture(stateDir, OrganisationZones.of(OrganisationZones.DEFAULT_ZONE));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anActivityCountsInItsWeekMonthYearAndAllTimeAndItsDeleteTakesItOut() {
        fixture.send(session("pm-kari", OSLO, "act-1", "mentee-1", "2026-12-01T09:00:00Z", 90), T0);
        fixture.send(session("pm-ola", OSLO, "act-2", "mentee-2", "2026-11-30T09:00:00Z", 30), T0);
        sendBufferedDeltas();

        LocalDate day = LocalDate.parse("2026-12-01");
        // Ola's day (two days before the record time) shows no current streak any more: one mentor has one.
        assertEquals(new Tally(2, 2, 2, 120, 0, 1), totals(OSLO, PeriodKey.ALL_TIME));
        assertEquals(new Tally(2, 2, 2, 120, 0, 0), totals(OSLO, PeriodKey.of(CalendarPeriod.WEEK, day)));
        assertEquals(new Tally(1, 1, 1, 90, 0, 0), totals(OSLO, PeriodKey.of(CalendarPeriod.MONTH, day)));
        assertEquals(new Tally(1, 1, 1, 30, 0, 0), totals(OSLO, PeriodKey.of(CalendarPeriod.MONTH, day.minusDays(1))));

        fixture.send(deleteActivity("pm-kari", "act-1"), T0.plusSeconds(1));
        sendBufferedDeltas();
        assertEquals(new Tally(1, 1, 1, 30, 0, 0), totals(OSLO, PeriodKey.ALL_TIME));
        assertEquals(Tally.ZERO, totals(OSLO, PeriodKey.of(CalendarPeriod.MONTH, day)));
    }

    private void sendBufferedDeltas() {
        fixture.driver.advanceWallClockTime(OrganisationDeltaBuffer.INTERVAL.plus(Duration.ofMillis(1)));
    }

    private Tally totals(String organisation, PeriodKey period) {
        KeyValueStore<String, Tally> store = fixture.driver.getKeyValueStore(StoreNames.ORGANISATION_STATS);
        Tally tally = store.get(OrganisationDelta.storeKey(organisation, period.toString()));
        return tally == null ? Tally.ZERO : tally;
    }
}
