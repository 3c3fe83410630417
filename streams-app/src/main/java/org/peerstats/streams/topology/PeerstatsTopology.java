package org.peerstats.streams.topology;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.TrainingCompletionEvent;
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
 * input topics ─► ingest: validate, re-key ─► mentor-inputs (repartition by {@link MentorPartitioner})
 *                 (see {@link IngestTopology})          │
 *                                     split by kind ◄───┘
 *   activity, training completion ─► apply-activity / apply-training-completion ─┬─► mentor-stats
 *                                    (activity-ledger, daily-activity,             │
 *                                     mentor-stats-state)                          ▼
 *   badge command, definition change ─────────────────────────────────────► evaluate-badges ─► earned-badges,
 *   (take-badge-definitions: from a global store, ahead of a task's first record)     badge-notifications
 *   profile, certification, assignment, detail command ─► merge-… ─► mentor-details  (see {@link MentorDetailTopology})
 * bad records ─► dead-letter (via the exception handlers, with the original bytes)
 * </pre>
 *
 * Two sub-topologies: the ingest stage reads the input topics (any partition counts, any
 * producer partitioner); the mentors' sub-topology reads one partition of {@code mentor-inputs}
 * per task and holds every mentor-keyed store, so one task sees everything about a mentor.
 */
public final class PeerstatsTopology {

    private static final String KIND = "mentor-input-";

    private PeerstatsTopology() {
    }

    public static Topology build(TopologySettings settings) {
        return build(settings, new StreamsBuilder());
    }

    /**
     * Builds it with the Kafka Streams settings that act when the topology is built, such as
     * {@code ensure.explicit.internal.resource.naming} and {@code processor.wrapper.class}: they
     * take effect only through the builder, not through the {@code KafkaStreams} properties.
     */
    public static Topology build(TopologySettings settings, Properties streamsProperties) {
        return build(settings, new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties))));
    }

    private static Topology build(TopologySettings settings, StreamsBuilder builder) {
        Topics topics = settings.topics();
        builder.addStateStore(ledgerStore());
        builder.addStateStore(dailyActivityStore());
        builder.addStateStore(mentorStatsStore());

        Map<String, KStream<String, MentorInput>> byKind = BadgeTopology
                .withDefinitions(builder, settings, IngestTopology.mentorInputs(builder, settings))
                .split(Named.as(KIND))
                .branch((mentor, input) -> input instanceof MentorInput.Activity, Branched.as("activity"))
                .branch((mentor, input) -> input instanceof MentorInput.TrainingCompletion, Branched.as("training"))
                .branch((key, input) -> input instanceof MentorInput.BadgeCommandReceived
                        || input instanceof MentorInput.DefinitionChanged, Branched.as("badge"))
                .defaultBranch(Branched.as("detail"));

        KStream<String, MentorStats> fromActivities = byKind.get(KIND + "activity")
                .mapValues(input -> ((MentorInput.Activity) input).event(), Named.as("activity-events"))
                .process(() -> new MentorStatsProcessor<ActivityEvent>(StatsUpdater::apply, settings.zones()),
                        Named.as("apply-activity"),
                        StoreNames.ACTIVITY_LEDGER, StoreNames.DAILY_ACTIVITY, StoreNames.MENTOR_STATS);
        KStream<String, MentorStats> fromTraining = byKind.get(KIND + "training")
                .mapValues(input -> ((MentorInput.TrainingCompletion) input).event(), Named.as("training-events"))
                .process(() -> new MentorStatsProcessor<TrainingCompletionEvent>(StatsUpdater::apply,
                                settings.zones()),
                        Named.as("apply-training-completion"),
                        StoreNames.ACTIVITY_LEDGER, StoreNames.DAILY_ACTIVITY, StoreNames.MENTOR_STATS);

        KStream<String, MentorStats> statsChanges = fromActivities.merge(fromTraining, Named.as("mentor-stats-changes"));
        statsChanges.to(topics.mentorStats().name(), topics.mentorStats().produced("mentor-stats-sink"));

        BadgeTopology.addTo(builder, settings, statsChanges, byKind.get(KIND + "badge"));
        MentorDetailTopology.addTo(builder, settings, byKind.get(KIND + "detail"));
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
