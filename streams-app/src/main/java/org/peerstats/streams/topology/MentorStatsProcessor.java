package org.peerstats.streams.topology;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.stats.StatsUpdater;

/**
 * Applies one kind of mentor input, validated by the ingest stage, to the mentor's stats,
 * forwarding the new stats document when it changed.
 *
 * @param <E> the input type
 */
final class MentorStatsProcessor<E> extends ContextualProcessor<String, E, String, MentorStats> {

    /** Applies one valid event; returns the mentor's new state when it changed. */
    @FunctionalInterface
    interface Application<E> {
        Optional<MentorState> apply(StatsUpdater updater, String mentorId, E input, Instant recordTime);
    }

    private final Application<E> application;
    private final OrganisationZones zones;
    private StatsUpdater updater;

    MentorStatsProcessor(Application<E> application, OrganisationZones zones) {
        this.application = application;
        this.zones = zones;
    }

    @Override
    public void init(ProcessorContext<String, MentorStats> context) {
        super.init(context);
        updater = new StatsUpdater(new KeyValueMentorStatsStore(
                context.getStateStore(StoreNames.ACTIVITY_LEDGER),
                context.getStateStore(StoreNames.DAILY_ACTIVITY),
                context.getStateStore(StoreNames.MENTOR_STATS),
                context.getStateStore(StoreNames.MENTOR_DETAIL_VIEW)),
                zones, InputAnomaly.Listener.from(context.appConfigs()));
    }

    @Override
    public void process(Record<String, E> record) {
        Instant recordTime = Instant.ofEpochMilli(record.timestamp());
        application.apply(updater, record.key(), record.value(), recordTime).ifPresent(state ->
                context().forward(record.withValue(
                        state.toStats(record.key(), state.computedAt, zones.zoneOf(state.organisationId)))));
    }
}
