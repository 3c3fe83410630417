package org.peerstats.streams.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeHolding;
import org.peerstats.streams.badges.BadgeTransition;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.badges.EarnedBadgeLists;
import org.peerstats.streams.lists.IndexedGlobalStores;
import org.peerstats.streams.serde.JsonSerde;

/**
 * Adds earned badges to the peerstats topology (DESIGN.md section 6).
 *
 * <pre>
 * badge-definitions ─► global store badge-definitions-global (every instance, filled before any task runs)
 *                          │
 * mentor-inputs ─► take-badge-definitions ─► (each task takes new versions before its first record,
 *                          │                  then every second, and forwards them ahead of it)
 * definition changes, badge commands ─┐
 * mentor stats changes, moves ───────┴─► evaluate-badges ─┬─► earned-badges
 *                                                          ├─► badge-notifications
 *                                                          └─► dead-letter (a refused definition, once)
 *   evaluate-badges' stores: mentor-stats-state and daily-activity (read), badge-definitions-state, badge-holdings,
 *   earned-badges-state, badge-command-outcomes
 * earned-badges ─► global store earned-badges-lists (on every instance: lookups by id, and every
 *                  list of the earned-badges endpoint with its total, kept as it changes)
 * </pre>
 *
 * {@code evaluate-badges} reads {@code mentor-stats-state}, so it is in the mentors'
 * sub-topology: the task that changes a mentor's stats evaluates the mentor's badges.
 */
public final class BadgeTopology {

    /** The processor that moves definitions from the global store into each task. */
    public static final String TAKE_DEFINITIONS = "take-badge-definitions";
    /** The processor that evaluates, awards and revokes. */
    public static final String EVALUATE_BADGES = "evaluate-badges";

    private static final String OUTPUT = "badge-output-";

    private BadgeTopology() {
    }

    /**
     * Adds the head of the mentors' sub-topology: the global definitions store and
     * {@code take-badge-definitions}, which moves definitions from it into each task and forwards
     * {@code inputs} after them. Returns {@code inputs} with the definition changes among them.
     */
    public static KStream<String, MentorInput> withDefinitions(StreamsBuilder builder, TopologySettings settings,
                                                              KStream<String, MentorInput> inputs) {
        Topics topics = settings.topics();
        builder.addStateStore(store(StoreNames.BADGE_DEFINITIONS, Serdes.String(), JsonSerde.of(KnownDefinition.class)));
        // Raw bytes: a definition that does not parse is refused by the tasks, not by the global thread.
        builder.globalTable(topics.badgeDefinitions().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("badge-definitions-source"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(StoreNames.BADGE_DEFINITIONS_GLOBAL)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()));
        return inputs.process(() -> new DefinitionSyncProcessor(topics.badgeDefinitions()),
                Named.as(TAKE_DEFINITIONS), StoreNames.BADGE_DEFINITIONS);
    }

    /**
     * Adds the badge part to {@code builder}, fed by the stats changes of events, the stats of
     * mentors a profile moved to another organisation, and {@code inputs}: the badge commands and
     * definition changes of {@code mentor-inputs}; returns the transitions of earned badges.
     */
    static KStream<String, BadgeTransition> addTo(StreamsBuilder builder, TopologySettings settings,
                                                  KStream<String, StatsUpdate> statsChanges,
                      KStream<String, StatsUpdate> organisationChanges, KStream<String, MentorInput> inputs) {
        Topics topics = settings.topics();
        builder.addStateStore(store(StoreNames.BADGE_HOLDINGS, MentorScopedKey.SERDE, JsonSerde.of(BadgeHolding.class)));
        builder.addStateStore(store(StoreNames.EARNED_BADGES, MentorScopedKey.SERDE, topics.earnedBadges().valueSerde()));
        builder.addStateStore(store(StoreNames.BADGE_COMMAND_OUTCOMES, MentorScopedKey.SERDE,
                JsonSerde.of(CommandOutcome.class)));

        Map<String, KStream<String, BadgeOutput>> outputs = statsChanges
                .<BadgeInput>mapValues(update -> new BadgeInput.StatsChanged(update.stats(), update.days()),
                        Named.as("badge-stats-changes"))
                .merge(organisationChanges.mapValues(update -> new BadgeInput.OrganisationChanged(update.stats()),
                        Named.as("badge-organisation-changes")), Named.as("badge-inputs-1"))
                .merge(inputs.mapValues(BadgeTopology::badgeInput, Named.as("badge-commands-and-definitions")),
                        Named.as("badge-inputs"))
                .process(() -> new BadgeProcessor(settings.zones(), topics.badgeDefinitions().name()),
                        Named.as(EVALUATE_BADGES),
                        StoreNames.MENTOR_STATS, StoreNames.DAILY_ACTIVITY, StoreNames.BADGE_DEFINITIONS, StoreNames.BADGE_HOLDINGS,
                        StoreNames.EARNED_BADGES, StoreNames.BADGE_COMMAND_OUTCOMES)
                .split(Named.as(OUTPUT))
                .branch((key, output) -> output instanceof BadgeOutput.Changed, Branched.as("changed"))
                .defaultBranch(Branched.as("refused"));

        KStream<String, BadgeTransition> transitions = outputs.get(OUTPUT + "changed")
                .mapValues(output -> ((BadgeOutput.Changed) output).transition(), Named.as("badge-transitions"));
        transitions
                .map((mentorId, transition) -> KeyValue.pair(transition.badge().id(), transition.badge()),
                        Named.as("earned-badge-records"))
                .to(topics.earnedBadges().name(), settings.output(topics.earnedBadges(), "earned-badges-sink"));
        transitions
                .filter((mentorId, transition) -> transition.notification() != null, Named.as("badge-awards-and-revocations"))
                .mapValues(BadgeTransition::notification, Named.as("badge-notification-events"))
                .to(topics.badgeNotifications().name(), settings.output(topics.badgeNotifications(), "badge-notifications-sink"));
        outputs.get(OUTPUT + "refused")
                .map((id, output) -> KeyValue.pair(Serdes.String().serializer().serialize(null, id),
                        ((BadgeOutput.RefusedDefinition) output).originalValue()), Named.as("refused-definitions"))
                .to(topics.deadLetter().name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("refused-definitions-sink"));

        IndexedGlobalStores.add(builder, topics.earnedBadges(), StoreNames.EARNED_BADGES_GLOBAL,
                "earned-badges-global-source", new EarnedBadgeLists());
        return transitions;
    }

    private static BadgeInput badgeInput(MentorInput input) {
        return input instanceof MentorInput.DefinitionChanged changed ? new BadgeInput.DefinitionChanged(changed)
                : new BadgeInput.CommandReceived(((MentorInput.BadgeCommandReceived) input).command());
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde, valueSerde);
    }
}
