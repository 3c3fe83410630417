package org.peerstats.streams.topology;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.EventValidator;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.serde.JsonSerde;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.LedgerEntry;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.StatsUpdater;

/**
 * Builds the peerstats topology. Production and the topology tests both run exactly what
 * {@link #build(TopologySettings)} returns.
 *
 * <pre>
 * activities ──────────► validate + apply-activity ─┐   (stores: activity-ledger,
 * training-completions ─► validate + apply-training ─┴─┬─► mentor-stats    daily-activity,
 *                                                      │                   mentor-stats-state)
 *                                                      └─► badges: see {@link BadgeTopology}
 * bad records ─► dead-letter (via the exception handlers, with the original bytes)
 * </pre>
 *
 * Both event processors share the three stores, which puts them in one sub-topology: Kafka
 * Streams then refuses to start unless the two input topics have the same partition count.
 */
public final class PeerstatsTopology {

    private PeerstatsTopology() {
    }

    public static Topology build(TopologySettings settings) {
        Topics topics = settings.topics();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(ledgerStore());
        builder.addStateStore(dailyActivityStore());
        builder.addStateStore(mentorStatsStore());

        KStream<String, MentorStats> fromActivities = builder
                .stream(topics.activities().name(), topics.activities().consumed("activities-source"))
                .process(() -> new MentorStatsProcessor<>(new ActivityRule(), settings.zones()),
                        Named.as("apply-activity"),
                        StoreNames.ACTIVITY_LEDGER, StoreNames.DAILY_ACTIVITY, StoreNames.MENTOR_STATS);

        KStream<String, MentorStats> fromTraining = builder
                .stream(topics.trainingCompletions().name(),
                        topics.trainingCompletions().consumed("training-completions-source"))
                .process(() -> new MentorStatsProcessor<>(new TrainingRule(), settings.zones()),
                        Named.as("apply-training-completion"),
                        StoreNames.ACTIVITY_LEDGER, StoreNames.DAILY_ACTIVITY, StoreNames.MENTOR_STATS);

        KStream<String, MentorStats> statsChanges = fromActivities.merge(fromTraining, Named.as("mentor-stats-changes"));
        statsChanges.to(topics.mentorStats().name(), topics.mentorStats().produced("mentor-stats-sink"));
        BadgeTopology.addTo(builder, settings, statsChanges);
        return builder.build();
    }

    private static StoreBuilder<KeyValueStore<MentorScopedKey, LedgerEntry>> ledgerStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ACTIVITY_LEDGER),
                MentorScopedKey.SERDE, JsonSerde.of(LedgerEntry.class));
    }

    private static StoreBuilder<KeyValueStore<MentorScopedKey, DayBucket>> dailyActivityStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DAILY_ACTIVITY),
                MentorScopedKey.SERDE, JsonSerde.of(DayBucket.class));
    }

    private static StoreBuilder<KeyValueStore<String, MentorState>> mentorStatsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MENTOR_STATS),
                Serdes.String(), JsonSerde.of(MentorState.class));
    }

    private static final class ActivityRule implements MentorStatsProcessor.EventRule<ActivityEvent> {
        @Override
        public void validate(String key, ActivityEvent event, Instant recordTime) {
            EventValidator.validateActivity(key, event, recordTime);
        }

        @Override
        public Optional<MentorState> apply(StatsUpdater updater, ActivityEvent event, Instant recordTime) {
            return updater.apply(event, recordTime);
        }
    }

    private static final class TrainingRule implements MentorStatsProcessor.EventRule<TrainingCompletionEvent> {
        @Override
        public void validate(String key, TrainingCompletionEvent event, Instant recordTime) {
            EventValidator.validateTrainingCompletion(key, event, recordTime);
        }

        @Override
        public Optional<MentorState> apply(StatsUpdater updater, TrainingCompletionEvent event, Instant recordTime) {
            return updater.apply(event, recordTime);
        }
    }
}
