package org.peerstats.streams.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.detail.MentorDetailTopology;
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
 * Both event processors share the three stores, which puts them in one sub-topology whose tasks
 * read partition N of every input topic: the topics must have the same partition count. Kafka
 * Streams checks that only for joins, so the service checks it at start
 * ({@code TopicProvisioner}, over {@link Topics#coPartitioned()}).
 * The mentor-detail view and state machine join that sub-topology: see {@link MentorDetailTopology}.
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
                .process(() -> new MentorStatsProcessor<ActivityEvent>(EventValidator::validateActivity,
                                StatsUpdater::apply, settings.zones()),
                        Named.as("apply-activity"),
                        StoreNames.ACTIVITY_LEDGER, StoreNames.DAILY_ACTIVITY, StoreNames.MENTOR_STATS);

        KStream<String, MentorStats> fromTraining = builder
                .stream(topics.trainingCompletions().name(),
                        topics.trainingCompletions().consumed("training-completions-source"))
                .process(() -> new MentorStatsProcessor<TrainingCompletionEvent>(
                                EventValidator::validateTrainingCompletion, StatsUpdater::apply, settings.zones()),
                        Named.as("apply-training-completion"),
                        StoreNames.ACTIVITY_LEDGER, StoreNames.DAILY_ACTIVITY, StoreNames.MENTOR_STATS);

        KStream<String, MentorStats> statsChanges = fromActivities.merge(fromTraining, Named.as("mentor-stats-changes"));
        statsChanges.to(topics.mentorStats().name(), topics.mentorStats().produced("mentor-stats-sink"));

        BadgeTopology.addTo(builder, settings, statsChanges);
        MentorDetailTopology.addTo(builder, topics, settings.zones());
        return builder.build();
    }

    private static StoreBuilder<KeyValueStore<MentorScopedKey, LedgerEntry>> ledgerStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ACTIVITY_LEDGER),
                MentorScopedKey.SERDE, CodecSerde.LEDGER_ENTRY).withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<MentorScopedKey, DayBucket>> dailyActivityStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DAILY_ACTIVITY),
                MentorScopedKey.SERDE, CodecSerde.DAY_BUCKET).withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<String, MentorState>> mentorStatsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MENTOR_STATS),
                Serdes.String(), CodecSerde.MENTOR_STATE).withCachingEnabled();
    }
}
