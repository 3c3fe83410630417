package org.peerstats.streams.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.organisations.MentorContributions;
import org.peerstats.streams.stats.DayChanges;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.stats.StatsChange;
import org.peerstats.streams.stats.StatsUpdater;

/**
 * Applies one kind of mentor input, validated by the ingest stage, to the mentor's stats,
 * forwarding the new stats document (with the days it changed) when it changed, and keeps the
 * mentor's entry in the {@code streak-lapses} index where the new document puts it. When the
 * zone's midnight has already passed that day, the lapsed document follows at once. The update
 * carries the change's {@link MentorContributions deltas} of the organisation's totals.
 *
 * @param <E> the input type
 */
final class MentorStatsProcessor<E> extends ContextualProcessor<String, E, String, StatsUpdate> {

    /** Applies one valid event; returns what it changed, when it changed the mentor's stats. */
    @FunctionalInterface
    interface Application<E> {
        Optional<StatsChange> apply(StatsUpdater updater, String mentorId, E input, Instant recordTime);
    }

    private final Application<E> application;
    private final OrganisationZones zones;
    private StatsUpdater updater;
    private KeyValueStore<String, MentorState> states;
    private StreakLapses lapses;
    private MentorContributions contributions;

    MentorStatsProcessor(Application<E> application, OrganisationZones zones) {
        this.application = application;
        this.zones = zones;
    }

    @Override
    public void init(ProcessorContext<String, StatsUpdate> context) {
        super.init(context);
        states = context.getStateStore(StoreNames.MENTOR_STATS);
        updater = new StatsUpdater(new KeyValueMentorStatsStore(
                context.getStateStore(StoreNames.ACTIVITY_LEDGER),
                context.getStateStore(StoreNames.DAILY_ACTIVITY),
                states,
                context.getStateStore(StoreNames.MENTOR_DETAIL_VIEW)),
                zones, InputAnomaly.Listener.from(context.appConfigs()));
        lapses = new StreakLapses(context.getStateStore(StoreNames.STREAK_LAPSES),
                context.getStateStore(StoreNames.ZONE_CLOCKS));
        contributions = new MentorContributions(zones, new KeyValueActivityDays(
                context.getStateStore(StoreNames.DAILY_ACTIVITY)));
    }

    @Override
    public void process(Record<String, E> record) {
        Instant recordTime = Instant.ofEpochMilli(record.timestamp());
        String mentorId = record.key();
        application.apply(updater, mentorId, record.value(), recordTime).ifPresent(change -> {
            MentorState state = change.state();
            ZoneId zone = zones.zoneOf(state.organisationId);
            MentorStats stats = state.toStats(mentorId, state.computedAt, zone);
            Optional<LocalDate> lapsed = lapses.track(mentorId, change.before(), state, zones);
            Optional<MentorStats> lapse = lapsed.map(day -> state.lapse(mentorId, day, zone));
            if (lapse.isPresent()) {
                states.put(mentorId, state);
            }
            // The organisation's deltas are those of the state as finally written, lapse included.
            context().forward(record.withValue(new StatsUpdate(stats, change.days(),
                    contributions.of(mentorId, change, state))));
            lapse.ifPresent(document -> context().forward(
                    record.withValue(new StatsUpdate(document, DayChanges.NONE, List.of()))));
        });
    }
}
