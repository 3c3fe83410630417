package org.peerstats.gateway.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.stats.OrganisationZones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the clock ticks the topology follows: for every zone an organisation uses (the default
 * zone and each configured one), a midnight tick as the local day starts and, with a reminder
 * hour, a reminder tick at that hour, each stamped with the instant it is due. It looks every
 * {@link #INTERVAL}, so a tick is at most that late, and at start it writes the current day's
 * ticks (the topology takes each day once, so ticks repeated by a restart or by the other
 * instances, which all run one, change nothing). A day the service was down for is not written
 * afterwards: the next midnight lapses every streak that ended since, and a reminder for a day
 * gone by would come too late to help.
 */
public final class TickClock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TickClock.class);
    /** How often the clock looks whether a tick is due: the most a tick can be late. */
    public static final Duration INTERVAL = Duration.ofSeconds(15);

    /** Where ticks go: the {@code clock-ticks} topic, keyed {@link ClockTick#key()}, stamped {@code at}. */
    @FunctionalInterface
    public interface TickSink {
        void write(ClockTick tick, Instant at);
    }

    private final Set<ZoneId> zones;
    private final OptionalInt reminderHour;
    private final Clock clock;
    private final TickSink sink;
    /** The day of the latest tick written, by tick key: what this instance has done today. */
    private final Map<String, LocalDate> written = new HashMap<>();
    private ScheduledExecutorService timer;

    public TickClock(OrganisationZones zones, OptionalInt reminderHour, Clock clock, TickSink sink) {
        this.zones = zonesOf(zones);
        this.reminderHour = reminderHour;
        this.clock = clock;
        this.sink = sink;
    }

    /** The default zone and every organisation's, each once. */
    static Set<ZoneId> zonesOf(OrganisationZones zones) {
        Set<ZoneId> all = new TreeSet<>((a, b) -> a.getId().compareTo(b.getId()));
        all.add(zones.defaultZone());
        all.addAll(zones.byOrganisation().values());
        return all;
    }

    /** Writes what is due now, then looks again every {@link #INTERVAL} on a thread of its own. */
    public TickClock start() {
        tickLogged();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "peerstats-tick-clock");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tickLogged, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            // The next look writes it: a tick is never skipped because Kafka was away for a moment.
            LOG.warn("could not write a clock tick; trying again in {} s", INTERVAL.toSeconds(), e);
        }
    }

    /** Writes every tick due by now that this clock has not written yet; returns them. */
    public synchronized List<ClockTick> tick() {
        Instant now = clock.instant();
        List<ClockTick> due = new ArrayList<>();
        for (ZoneId zone : zones) {
            ZonedDateTime local = now.atZone(zone);
            LocalDate today = local.toLocalDate();
            due(ClockTick.midnight(zone, today), today.atStartOfDay(zone).toInstant(), now, due);
            if (reminderHour.isPresent()) {
                Instant reminder = today.atTime(LocalTime.of(reminderHour.getAsInt(), 0)).atZone(zone).toInstant();
                due(ClockTick.reminder(zone, today), reminder, now, due);
            }
        }
        return due;
    }

    private void due(ClockTick tick, Instant at, Instant now, List<ClockTick> due) {
        if (at.isAfter(now) || tick.date().equals(written.get(tick.key()))) {
            return;
        }
        sink.write(tick, at);
        written.put(tick.key(), tick.date());
        due.add(tick);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
