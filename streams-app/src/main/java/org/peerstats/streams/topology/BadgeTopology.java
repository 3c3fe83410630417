package org.peerstats.streams.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeHolding;
import org.peerstats.streams.badges.BadgeInputValidator;
import org.peerstats.streams.badges.BadgeTransition;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.serde.JsonSerde;
import org.peerstats.streams.stats.MentorStats;

/**
 * Adds earned badges to the peerstats topology (DESIGN.md section 6).
 *
 * <pre>
 * badge-definitions ─► validate ─► badge-definitions-broadcast ──┐   (repartition: every record
 *                                                                │    to every partition)
 * mentor stats changes (from the stats processors) ──────────────┼─► evaluate-badges ─┬─► earned-badges
 * badge-commands (key peer_mentor_id) ───────────────────────────┘                    └─► badge-notifications
 *   evaluate-badges' stores: mentor-stats-state (read), badge-definitions-state, badge-holdings,
 *   earned-badges-state, badge-command-outcomes
 * earned-badges ─► global store earned-badges-global (on every instance: lists, lookups by id)
 * </pre>
 *
 * {@code evaluate-badges} reads {@code mentor-stats-state}, so it is in the stats sub-topology:
 * the task that changes a mentor's stats evaluates the mentor's badges, with no repartition of
 * mentors. A definition must reach every such task, so it goes through a repartition topic whose
 * partitioner sends it to every partition; Kafka Streams gives that topic the partition count of
 * {@code badge-definitions}, which the service keeps equal to the mentor topics'. Each task keeps
 * its own copy of the definitions and, on a change, evaluates the definition for every mentor of
 * its partition.
 */
public final class BadgeTopology {

    /** Names the topic that broadcasts definitions: {@code <application.id>-badge-definitions-broadcast-repartition}. */
    public static final String DEFINITIONS_BROADCAST = "badge-definitions-broadcast";
    /** The processor that evaluates, awards and revokes. */
    public static final String EVALUATE_BADGES = "evaluate-badges";

    private BadgeTopology() {
    }

    /** Adds the badge part to {@code builder}, fed by the stats changes the stats processors forward. */
    public static void addTo(StreamsBuilder builder, TopologySettings settings, KStream<String, MentorStats> statsChanges) {
        Topics topics = settings.topics();
        Topics.Topic<String, BadgeDefinition> definitionTopic = topics.badgeDefinitions();
        builder.addStateStore(store(StoreNames.BADGE_DEFINITIONS, Serdes.String(), definitionTopic.valueSerde()));
        builder.addStateStore(store(StoreNames.BADGE_HOLDINGS, MentorScopedKey.SERDE, JsonSerde.of(BadgeHolding.class)));
        builder.addStateStore(store(StoreNames.EARNED_BADGES, MentorScopedKey.SERDE, topics.earnedBadges().valueSerde()));
        builder.addStateStore(store(StoreNames.BADGE_COMMAND_OUTCOMES, MentorScopedKey.SERDE,
                JsonSerde.of(CommandOutcome.class)));

        KStream<String, BadgeInput> definitions = builder
                .stream(definitionTopic.name(), definitionTopic.consumed("badge-definitions-source"))
                .processValues(DefinitionValidation::new, Named.as("validate-badge-definition"))
                .repartition(Repartitioned.<String, BadgeDefinition>as(DEFINITIONS_BROADCAST)
                        .withKeySerde(definitionTopic.keySerde())
                        .withValueSerde(definitionTopic.valueSerde())
                        .withStreamPartitioner(new BroadcastPartitioner<>()))
                .mapValues(BadgeInput.DefinitionChanged::new, Named.as("badge-definition-changes"));
        KStream<String, BadgeInput> commands = builder
                .stream(topics.badgeCommands().name(), topics.badgeCommands().consumed("badge-commands-source"))
                .mapValues(BadgeInput.CommandReceived::new, Named.as("badge-commands-received"));

        KStream<String, BadgeTransition> transitions = statsChanges
                .<BadgeInput>mapValues(BadgeInput.StatsChanged::new, Named.as("badge-stats-changes"))
                .merge(definitions, Named.as("badge-inputs-with-definitions"))
                .merge(commands, Named.as("badge-inputs"))
                .process(() -> new BadgeProcessor(settings.zones()), Named.as(EVALUATE_BADGES),
                        StoreNames.MENTOR_STATS, StoreNames.BADGE_DEFINITIONS, StoreNames.BADGE_HOLDINGS,
                        StoreNames.EARNED_BADGES, StoreNames.BADGE_COMMAND_OUTCOMES);

        transitions
                .map((mentorId, transition) -> KeyValue.pair(transition.badge().id(), transition.badge()),
                        Named.as("earned-badge-records"))
                .to(topics.earnedBadges().name(), topics.earnedBadges().produced("earned-badges-sink"));
        transitions
                .filter((mentorId, transition) -> transition.notification() != null, Named.as("badge-awards-and-revocations"))
                .mapValues(BadgeTransition::notification, Named.as("badge-notification-events"))
                .to(topics.badgeNotifications().name(), topics.badgeNotifications().produced("badge-notifications-sink"));

        builder.globalTable(topics.earnedBadges().name(),
                topics.earnedBadges().consumed("earned-badges-global-table"),
                Materialized.<String, EarnedBadge, KeyValueStore<Bytes, byte[]>>as(StoreNames.EARNED_BADGES_GLOBAL)
                        .withKeySerde(topics.earnedBadges().keySerde())
                        .withValueSerde(topics.earnedBadges().valueSerde()));
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde, valueSerde);
    }

    /** Dead-letters a definition that breaks a rule, once, before it is broadcast; lets tombstones through. */
    private static final class DefinitionValidation
            extends ContextualFixedKeyProcessor<String, BadgeDefinition, BadgeDefinition> {

        @Override
        public void process(FixedKeyRecord<String, BadgeDefinition> record) {
            if (record.value() != null) {
                BadgeInputValidator.validateDefinition(record.key(), record.value());
            }
            context().forward(record);
        }
    }
}
