package org.peerstats.streams.topology;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.stats.StatsUpdater;

/**
 * Validates one kind of mentor event and applies it to the mentor's stats, forwarding the new
 * stats document when it changed. Validation runs before any store is touched: an invalid event
 * throws, and the processing exception handler dead-letters it with its original bytes.
 *
 * @param <E> the event type
 */
final class MentorStatsProcessor<E> extends ContextualProcessor<String, E, String, MentorStats> {

    /** Checks one event against the schema rules; throws {@code InvalidEventException}. */
    @FunctionalInterface
    interface Validation<E> {
        void validate(String key, E event, Instant recordTime);
    }

    /** Applies one valid event; returns the mentor's new state when it changed. */
    @FunctionalInterface
    interface Application<E> {
        Optional<MentorState> apply(StatsUpdater updater, E event, Instant recordTime);
    }

    private final Validation<E> validation;
    private final Application<E> application;
    private final OrganisationZones zones;
    private StatsUpdater updater;

    MentorStatsProcessor(Validation<E> validation, Application<E> application, OrganisationZones zones) {
        this.validation = validation;
        this.application = application;
        this.zones = zones;
    }

    @Override
    public void init(ProcessorContext<String, MentorStats> context) {
        super.init(context);
        updater = new StatsUpdater(new KeyValueMentorStatsStore(
                context.getStateStore(StoreNames.ACTIVITY_LEDGER),
                context.getStateStore(StoreNames.DAILY_ACTIVITY),
                context.getStateStore(StoreNames.MENTOR_STATS)), zones);
    }

    @Override
    public void process(Record<String, E> record) {
        Instant recordTime = Instant.ofEpochMilli(record.timestamp());
        validation.validate(record.key(), record.value(), recordTime);
        application.apply(updater, record.value(), recordTime).ifPresent(state -> context().forward(record.withValue(
                state.toStats(record.key(), state.computedAt, zones.zoneOf(state.organisationId)))));
    }
}
