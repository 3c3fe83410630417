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
import org.peerstats.streams.badges.BadgeTransition;
import org.peerstats.streams.clock.TickKind;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.LedgerEntry;
import org.peerstats.streams.stats.MentorState;

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
 *   stats changes, badge transitions ─► buffer-organisation-deltas ─► organisation-deltas (repartition by organisation)
 *                                       ─► add-organisation-deltas ─► organisation-stats  (see {@link OrganisationTopology})
 * bad records ─► dead-letter (via the exception handlers, with the original bytes)
 * </pre>
 *
 * Three sub-topologies (with the owner stages' own, more): the ingest stage reads the input topics
 * (any partition counts, any producer partitioner); the mentors' sub-topology reads one partition
 * of {@code mentor-inputs} per task and holds every mentor-keyed store, so one task sees
 * everything about a mentor; the organisations' sub-topology holds each organisation's totals.
 */
public final class PeerstatsTopology {

    private static final String KIND = "mentor-input-";
    private static final String TICK = "clock-tick-";

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
        builder.addStateStore(textStore(StoreNames.STREAK_LAPSES));
        builder.addStateStore(textStore(StoreNames.ZONE_CLOCKS));
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
                .branch((key, input) -> input instanceof MentorInput.ClockTick, Branched.as("clock"))
                .defaultBranch(Branched.as("detail"));

        KStream<String, StatsUpdate> fromActivities = applyToStats(byKind.get(KIND + "activity"), "apply-activity",
                settings, (updater, mentor, input, at) -> input instanceof MentorInput.Activity activity
                        ? updater.apply(activity.event(), at)
                        : updater.moveAway(mentor, ((MentorInput.ActivityMovedAway) input).activityId(), at));
        KStream<String, StatsUpdate> fromTraining = applyToStats(byKind.get(KIND + "training"),
                "apply-training-completion", settings, (updater, mentor, input, at) ->
                        updater.apply(((MentorInput.TrainingCompletion) input).event(), at));
        KStream<String, MentorInput> profiles = byKind.get(KIND + "profile");
        KStream<String, StatsUpdate> organisationChanges = applyToStats(profiles, "apply-profile-organisation",
                settings, (updater, mentor, input, at) -> updater.apply(mentor, ((MentorInput.Profile) input).profile(), at));
        KStream<String, StatsUpdate> lapses = followClock(byKind.get(KIND + "clock"), settings);

        KStream<String, StatsUpdate> statsChanges = fromActivities
                .merge(fromTraining, Named.as("mentor-stats-changes-1"))
                .merge(lapses, Named.as("mentor-stats-changes"));
        KStream<String, StatsUpdate> statsRecords = statsChanges.merge(organisationChanges,
                Named.as("mentor-stats-records"));
        statsRecords.mapValues(StatsUpdate::stats, Named.as("mentor-stats-documents"))
                .to(topics.mentorStats().name(), settings.output(topics.mentorStats(), "mentor-stats-sink"));

        KStream<String, BadgeTransition> badgeTransitions = BadgeTopology.addTo(builder, settings, statsChanges,
                organisationChanges, byKind.get(KIND + "badge"));
        OrganisationTopology.addTo(builder, settings, statsRecords, badgeTransitions);
        MentorDetailTopology.addTo(builder, settings,
                byKind.get(KIND + "detail").merge(profiles, Named.as("mentor-detail-inputs")));
        return builder.build();
    }

    /**
     * A stats processor over every stats store (and the detail view, for a new mentor's profile),
     * keeping the streak-lapses index.
     */
    private static KStream<String, StatsUpdate> applyToStats(KStream<String, MentorInput> inputs, String name,
            TopologySettings settings, MentorStatsProcessor.Application<MentorInput> application) {
        return inputs.process(() -> new MentorStatsProcessor<>(application, settings.zones()), Named.as(name),
                StoreNames.ACTIVITY_LEDGER, StoreNames.DAILY_ACTIVITY, StoreNames.MENTOR_STATS,
                StoreNames.MENTOR_DETAIL_VIEW, StoreNames.STREAK_LAPSES, StoreNames.ZONE_CLOCKS);
    }

    /**
     * The clock ticks: a midnight lapses the streaks that end that day (returned, as stats changes),
     * a reminder tick writes the day's {@code streak_at_risk} reminders.
     */
    private static KStream<String, StatsUpdate> followClock(KStream<String, MentorInput> ticks,
                                                            TopologySettings settings) {
        Topics topics = settings.topics();
        Map<String, KStream<String, MentorInput>> byTick = ticks.split(Named.as(TICK))
                .branch((key, input) -> ((MentorInput.ClockTick) input).tick().kind() == TickKind.MIDNIGHT,
                        Branched.as("midnight"))
                .defaultBranch(Branched.as("reminder"));
        byTick.get(TICK + "reminder")
                .process(() -> new StreakReminderProcessor(settings.zones()), Named.as("remind-streaks-at-risk"),
                        StoreNames.MENTOR_STATS, StoreNames.STREAK_LAPSES, StoreNames.ZONE_CLOCKS)
                .to(topics.streakReminders().name(),
                        settings.output(topics.streakReminders(), "streak-reminders-sink"));
        return byTick.get(TICK + "midnight").process(() -> new StreakLapseProcessor(settings.zones()),
                Named.as("lapse-streaks"), StoreNames.MENTOR_STATS, StoreNames.STREAK_LAPSES, StoreNames.ZONE_CLOCKS);
    }

    private static StoreBuilder<KeyValueStore<MentorScopedKey, LedgerEntry>> ledgerStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ACTIVITY_LEDGER),
                MentorScopedKey.SERDE, CodecSerde.LEDGER_ENTRY).withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<MentorScopedKey, DayBucket>> dailyActivityStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DAILY_ACTIVITY),
                MentorScopedKey.SERDE, CodecSerde.DAY_BUCKET).withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<String, String>> textStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String())
                .withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<String, MentorState>> mentorStatsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MENTOR_STATS),
                Serdes.String(), CodecSerde.MENTOR_STATE).withCachingEnabled();
    }
}
