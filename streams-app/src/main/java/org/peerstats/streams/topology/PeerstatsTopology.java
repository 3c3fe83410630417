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
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.LedgerEntry;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;

/**
 * Builds the peerstats topology. Production and the topology tests both run exactly what
 * {@link #build(TopologySettings)} returns.
 *
 * <pre>
 * input topics ─► ingest: validate, re-key ─► mentor-inputs (repartition by {@link MentorPartitioner})
 *                 (see {@link IngestTopology})          │
 *                                     split by kind ◄───┘
 *   activity, training completion ─► apply-activity / apply-training-completion ─┬─► mentor-stats
 *   profile ─► apply-profile-organisation (a move) ───────────────────────────────┤
 *              (activity-ledger, daily-activity, mentor-stats-state;              │
 *               mentor-detail-view read for a new mentor's profile)               ▼
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
        MentorDetailTopology.addStores(builder);

        Map<String, KStream<String, MentorInput>> byKind = BadgeTopology
                .withDefinitions(builder, settings, IngestTopology.mentorInputs(builder, settings))
                .split(Named.as(KIND))
                .branch((mentor, input) -> input instanceof MentorInput.Activity
                        || input instanceof MentorInput.ActivityMovedAway, Branched.as("activity"))
                .branch((mentor, input) -> input instanceof MentorInput.TrainingCompletion, Branched.as("training"))
                .branch((mentor, input) -> input instanceof MentorInput.Profile, Branched.as("profile"))
                .branch((key, input) -> input instanceof MentorInput.BadgeCommandReceived
                        || input instanceof MentorInput.DefinitionChanged, Branched.as("badge"))
                .defaultBranch(Branched.as("detail"));

        KStream<String, MentorStats> fromActivities = applyToStats(byKind.get(KIND + "activity"), "apply-activity",
                settings, (updater, mentor, input, at) -> input instanceof MentorInput.Activity activity
                        ? updater.apply(activity.event(), at)
                        : updater.moveAway(mentor, ((MentorInput.ActivityMovedAway) input).activityId(), at));
        KStream<String, MentorStats> fromTraining = applyToStats(byKind.get(KIND + "training"),
                "apply-training-completion", settings, (updater, mentor, input, at) ->
                        updater.apply(((MentorInput.TrainingCompletion) input).event(), at));
        KStream<String, MentorInput> profiles = byKind.get(KIND + "profile");
        KStream<String, MentorStats> organisationChanges = applyToStats(profiles, "apply-profile-organisation",
                settings, (updater, mentor, input, at) -> updater.apply(mentor, ((MentorInput.Profile) input).profile(), at));

        KStream<String, MentorStats> statsChanges = fromActivities.merge(fromTraining, Named.as("mentor-stats-changes"));
        statsChanges.merge(organisationChanges, Named.as("mentor-stats-records"))
                .to(topics.mentorStats().name(), settings.output(topics.mentorStats(), "mentor-stats-sink"));

        BadgeTopology.addTo(builder, settings, statsChanges, organisationChanges, byKind.get(KIND + "badge"));
        MentorDetailTopology.addTo(builder, settings,
                byKind.get(KIND + "detail").merge(profiles, Named.as("mentor-detail-inputs")));
        return builder.build();
    }

    /** A stats processor over every stats store (and the detail view, for a new mentor's profile). */
    private static KStream<String, MentorStats> applyToStats(KStream<String, MentorInput> inputs, String name,
            TopologySettings settings, MentorStatsProcessor.Application<MentorInput> application) {
        return inputs.process(() -> new MentorStatsProcessor<>(application, settings.zones()), Named.as(name),
                StoreNames.ACTIVITY_LEDGER, StoreNames.DAILY_ACTIVITY, StoreNames.MENTOR_STATS,
                StoreNames.MENTOR_DETAIL_VIEW);
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
