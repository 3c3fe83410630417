package org.peerstats.streams.topology;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeNotification;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.clock.StreakReminder;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.lists.IndexedStore;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * The production topology in a {@link TopologyTestDriver}, with the production Streams settings
 * (exactly-once, dead-letter topic, named resources), typed input and output topics and store reads.
 */
public final class TopologyFixture implements AutoCloseable {

    public final TopologyTestDriver driver;
    public final Topics topics;
    public final TestInputTopic<String, ActivityEvent> activities;
    public final TestInputTopic<String, TrainingCompletionEvent> trainingCompletions;
    public final TestInputTopic<String, MentorProfile> profiles;
    public final TestInputTopic<String, String> rawActivities;
    public final TestInputTopic<String, String> rawTrainingCompletions;
    public final TestOutputTopic<String, MentorStats> mentorStats;
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    public final TestInputTopic<String, BadgeDefinition> badgeDefinitions;
    public final TestInputTopic<String, String> rawBadgeDefinitions;
    public final TestInputTopic<String, BadgeCommand> badgeCommands;
    public final TestOutputTopic<String, EarnedBadge> earnedBadges;
    public final TestOutputTopic<String, BadgeNotification> badgeNotifications;
    public final TestInputTopic<String, ClockTick> clockTicks;
    public final TestInputTopic<String, String> rawClockTicks;
    public final TestOutputTopic<String, StreakReminder> streakReminders;
    public final List<String> deadLetterReasons = new ArrayList<>();
    /** Every input anomaly the topology reported, in order. */
    public final List<InputAnomaly> anomalies = new ArrayList<>();

    public TopologyFixture(Path stateDir, OrganisationZones zones) {
        this(stateDir, new TopologySettings(Topics.defaults(), zones));
    }

    /** A driver over the topology built with {@code settings}. */
    public TopologyFixture(Path stateDir, TopologySettings settings) {
        topics = settings.topics();
        StreamsOptions options = new StreamsOptions("peerstats-test", "unused:9092", stateDir, null, null, 0,
                StreamsConfig.EXACTLY_ONCE_V2, topics,
                (topic, stage, reason) -> deadLetterReasons.add(stage + ": " + reason),
                (anomaly, input) -> anomalies.add(anomaly), Map.of());
        Properties properties = options.toProperties();
        driver = new TopologyTestDriver(PeerstatsTopology.build(settings, properties), properties);
        activities = driver.createInputTopic(topics.activities().name(), Serdes.String().serializer(),
                topics.activities().valueSerde().serializer());
        trainingCompletions = driver.createInputTopic(topics.trainingCompletions().name(),
                Serdes.String().serializer(), topics.trainingCompletions().valueSerde().serializer());
        profiles = driver.createInputTopic(topics.mentorProfiles().name(), Serdes.String().serializer(),
                topics.mentorProfiles().valueSerde().serializer());
        rawActivities = driver.createInputTopic(topics.activities().name(), Serdes.String().serializer(),
                Serdes.String().serializer());
        rawTrainingCompletions = driver.createInputTopic(topics.trainingCompletions().name(),
                Serdes.String().serializer(), Serdes.String().serializer());
        mentorStats = driver.createOutputTopic(topics.mentorStats().name(), Serdes.String().deserializer(),
                topics.mentorStats().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
        badgeDefinitions = driver.createInputTopic(topics.badgeDefinitions().name(), Serdes.String().serializer(),
                topics.badgeDefinitions().valueSerde().serializer());
        rawBadgeDefinitions = driver.createInputTopic(topics.badgeDefinitions().name(), Serdes.String().serializer(),
                Serdes.String().serializer());
        badgeCommands = driver.createInputTopic(topics.badgeCommands().name(), Serdes.String().serializer(),
                topics.badgeCommands().valueSerde().serializer());
        earnedBadges = driver.createOutputTopic(topics.earnedBadges().name(), Serdes.String().deserializer(),
                topics.earnedBadges().valueSerde().deserializer());
        badgeNotifications = driver.createOutputTopic(topics.badgeNotifications().name(),
                Serdes.String().deserializer(), topics.badgeNotifications().valueSerde().deserializer());
        clockTicks = driver.createInputTopic(topics.clockTicks().name(), Serdes.String().serializer(),
                topics.clockTicks().valueSerde().serializer());
        rawClockTicks = driver.createInputTopic(topics.clockTicks().name(), Serdes.String().serializer(),
                Serdes.String().serializer());
        streakReminders = driver.createOutputTopic(topics.streakReminders().name(), Serdes.String().deserializer(),
                topics.streakReminders().valueSerde().deserializer());
    }

    /** The tick as the service writes it: keyed {@code <kind>:<zone>}, stamped {@code recordTime}. */
    public void tick(ClockTick tick, Instant recordTime) {
        clockTicks.pipeInput(tick.key(), tick, recordTime);
    }

    /** The midnight tick of {@code date} in {@code zone}, stamped at the start of that day there. */
    public void midnight(java.time.ZoneId zone, LocalDate date) {
        ClockTick tick = ClockTick.midnight(zone, date);
        tick(tick, tick.startOfDate());
    }

    public void send(ActivityEvent event, Instant recordTime) {
        activities.pipeInput(event.peerMentorId(), event, recordTime);
    }

    public void send(TrainingCompletionEvent event, Instant recordTime) {
        trainingCompletions.pipeInput(event.peerMentorId(), event, recordTime);
    }

    /** Produces a definition and lets the tasks take it from the global store (their wall-clock sync). */
    public void define(BadgeDefinition definition, Instant recordTime) {
        badgeDefinitions.pipeInput(definition.id(), definition, recordTime);
        syncDefinitions();
    }

    /** Lets a wall-clock definition sync pass: every task takes what changed in the global store. */
    public void syncDefinitions() {
        driver.advanceWallClockTime(DefinitionSyncProcessor.SYNC_INTERVAL);
    }

    public void command(String mentorId, BadgeCommand command, Instant recordTime) {
        badgeCommands.pipeInput(mentorId, command, recordTime);
    }

    public Optional<CommandOutcome> outcome(String mentorId, String commandId) {
        KeyValueStore<MentorScopedKey, CommandOutcome> store = driver.getKeyValueStore(StoreNames.BADGE_COMMAND_OUTCOMES);
        return Optional.ofNullable(store.get(new MentorScopedKey(mentorId, commandId)));
    }

    /** The earned badges as the global store (every instance's view of {@code earned-badges}) holds them. */
    public Map<String, EarnedBadge> earnedBadgesById() {
        Map<String, EarnedBadge> badges = new java.util.TreeMap<>();
        IndexedStore.records(globalStore(StoreNames.EARNED_BADGES_GLOBAL), topics.earnedBadges().valueSerde().deserializer())
                .forEach(badge -> badges.put(badge.id(), badge));
        return badges;
    }

    /** A global store of records and their lists ({@code IndexedStore}), as every instance holds it. */
    public KeyValueStore<Bytes, byte[]> globalStore(String name) {
        return driver.getKeyValueStore(name);
    }

    public Optional<MentorState> state(String mentorId) {
        KeyValueStore<String, MentorState> store = driver.getKeyValueStore(StoreNames.MENTOR_STATS);
        return Optional.ofNullable(store.get(mentorId));
    }

    /** The stats as a query at {@code asOf} would show them. */
    public MentorStats statsAsOf(String mentorId, Instant asOf, OrganisationZones zones) {
        MentorState state = state(mentorId).orElseThrow();
        return state.toStats(mentorId, asOf, zones.zoneOf(state.organisationId));
    }

    public Map<LocalDate, DayBucket> days(String mentorId) {
        KeyValueStore<MentorScopedKey, DayBucket> store = driver.getKeyValueStore(StoreNames.DAILY_ACTIVITY);
        Map<LocalDate, DayBucket> days = new java.util.TreeMap<>();
        try (KeyValueIterator<MentorScopedKey, DayBucket> it = store.range(
                new MentorScopedKey(mentorId, LocalDate.MIN.toString()),
                new MentorScopedKey(mentorId, "9999-12-31"))) {
            while (it.hasNext()) {
                KeyValue<MentorScopedKey, DayBucket> next = it.next();
                days.put(LocalDate.parse(next.key.id()), next.value);
            }
        }
        return days;
    }

    /** Every stats document published on {@code mentor-stats} since the last read, in order. */
    public List<KeyValue<String, MentorStats>> published() {
        return mentorStats.readKeyValuesToList();
    }

    /** The one record on {@code dead-letter}; fails when there is none. */
    public TestRecord<byte[], byte[]> deadLetter() {
        return deadLetters.readRecord();
    }

    /** A header of a record as UTF-8 text, or {@code null} when the record does not have it. */
    public static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The latest stats document published per mentor on {@code mentor-stats}. */
    public Map<String, MentorStats> latestPublished() {
        return mentorStats.readKeyValuesToMap();
    }

    @Override
    public void close() {
        driver.close();
    }
}
