package org.peerstats.streams;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeNotification;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.clock.StreakReminder;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.MentorDetailCommand;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.organisations.OrganisationPeriodStats;
import org.peerstats.streams.serde.JsonSerde;
import org.peerstats.streams.serde.SizeLimitedSerde;
import org.peerstats.streams.stats.MentorStats;

/**
 * The one registry of peerstats topics: each topic's name (under a configurable prefix), its key
 * and value serdes and its kind. The topology, the gateway, the demo loader and the tests all
 * take topics from here, so a name or a serde is never spelled twice.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "peerstats.";

    /** What a topic holds, which decides how it is created. */
    public enum Kind {
        /** Input events, kept by time (deletes retract by key + id, not by compaction). */
        EVENTS,
        /** Latest value per key: compacted. */
        COMPACTED,
        /**
         * Requests from the REST layer to the topology, kept by time like events, so that
         * re-processing replays them.
         */
        COMMANDS,
        /** Derived output, compacted: the latest document per key. */
        OUTPUT_COMPACTED,
        /** Derived output events for downstream consumers (notifications), kept by time. */
        OUTPUT_EVENTS,
        /** Records the topology could not process, with their original bytes. */
        DEAD_LETTER,
        /**
         * One marker per dead letter sent back to its input topic, keyed by the dead letter's
         * {@code partition:offset}: compacted, so every marker is kept for good and a dead letter
         * is never sent twice. Written by {@code peerstats dead-letters replay}, not the topology.
         */
        DEAD_LETTER_REPLAYS
    }

    /**
     * One topic with its serdes.
     */
    public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Kind kind) {

        public Consumed<K, V> consumed(String sourceName) {
            return Consumed.with(keySerde, valueSerde).withName(sourceName);
        }

        /**
         * Writes with the topic's serdes, refusing a value over {@code maxValueBytes} with an
         * {@link org.peerstats.streams.serde.OutputTooLargeException} before the producer sees it.
         */
        public Produced<K, V> produced(String sinkName, int maxValueBytes) {
            return Produced.with(keySerde, SizeLimitedSerde.of(valueSerde, maxValueBytes)).withName(sinkName);
        }
    }

    private final Topic<String, ActivityEvent> activities;
    private final Topic<String, TrainingCompletionEvent> trainingCompletions;
    private final Topic<String, MentorStats> mentorStats;
    private final Topic<String, BadgeDefinition> badgeDefinitions;
    private final Topic<String, BadgeCommand> badgeCommands;
    private final Topic<String, EarnedBadge> earnedBadges;
    private final Topic<String, BadgeNotification> badgeNotifications;
    private final Topic<byte[], byte[]> deadLetter;
    private final Topic<String, String> deadLetterReplays;
    private final Topic<String, MentorProfile> mentorProfiles;
    private final Topic<String, Certification> certifications;
    private final Topic<String, Assignment> assignments;
    private final Topic<String, MentorDetailCommand> mentorDetailCommands;
    private final Topic<String, MentorDetailDocument> mentorDetails;
    private final Topic<String, ClockTick> clockTicks;
    private final Topic<String, StreakReminder> streakReminders;
    private final Topic<String, OrganisationPeriodStats> organisationStats;

    private Topics(String prefix) {
        activities = new Topic<>(prefix + "activities", Serdes.String(), JsonSerde.of(ActivityEvent.class),
                Kind.EVENTS);
        trainingCompletions = new Topic<>(prefix + "training-completions", Serdes.String(),
                JsonSerde.of(TrainingCompletionEvent.class), Kind.EVENTS);
        mentorStats = new Topic<>(prefix + "mentor-stats", Serdes.String(), JsonSerde.of(MentorStats.class),
                Kind.OUTPUT_COMPACTED);
        // Strict: an unknown field in a definition (a criteria.period, say) must not be read as another rule.
        badgeDefinitions = new Topic<>(prefix + "badge-definitions", Serdes.String(),
                JsonSerde.strictOf(BadgeDefinition.class), Kind.COMPACTED);
        badgeCommands = new Topic<>(prefix + "badge-commands", Serdes.String(), JsonSerde.strictOf(BadgeCommand.class),
                Kind.COMMANDS);
        earnedBadges = new Topic<>(prefix + "earned-badges", Serdes.String(), JsonSerde.of(EarnedBadge.class),
                Kind.OUTPUT_COMPACTED);
        badgeNotifications = new Topic<>(prefix + "badge-notifications", Serdes.String(),
                JsonSerde.of(BadgeNotification.class), Kind.OUTPUT_EVENTS);
        deadLetter = new Topic<>(prefix + "dead-letter", Serdes.ByteArray(), Serdes.ByteArray(),
                Kind.DEAD_LETTER);
        deadLetterReplays = new Topic<>(prefix + "dead-letter-replays", Serdes.String(), Serdes.String(),
                Kind.DEAD_LETTER_REPLAYS);
        mentorProfiles = new Topic<>(prefix + "mentor-profiles", Serdes.String(), JsonSerde.of(MentorProfile.class),
                Kind.COMPACTED);
        certifications = new Topic<>(prefix + "certifications", Serdes.String(), JsonSerde.of(Certification.class),
                Kind.COMPACTED);
        // Keyed by assignment_id; the topology re-keys it by mentor through a repartition topic.
        assignments = new Topic<>(prefix + "assignments", Serdes.String(), JsonSerde.of(Assignment.class),
                Kind.COMPACTED);
        // Internal commands from the REST layer, kept like events: re-processing needs them all.
        mentorDetailCommands = new Topic<>(prefix + "mentor-detail-commands", Serdes.String(),
                JsonSerde.strictOf(MentorDetailCommand.class), Kind.EVENTS);
        mentorDetails = new Topic<>(prefix + "mentor-details", Serdes.String(),
                JsonSerde.of(MentorDetailDocument.class), Kind.OUTPUT_COMPACTED);
        // Written by the service; compacted by <kind>:<zone>, so it holds each zone's current day.
        clockTicks = new Topic<>(prefix + "clock-ticks", Serdes.String(), JsonSerde.strictOf(ClockTick.class),
                Kind.COMPACTED);
        // A topic of its own: consumers of badge-notifications never see a type they do not know.
        streakReminders = new Topic<>(prefix + "streak-reminders", Serdes.String(),
                JsonSerde.of(StreakReminder.class), Kind.OUTPUT_EVENTS);
        organisationStats = new Topic<>(prefix + "organisation-stats", Serdes.String(),
                JsonSerde.of(OrganisationPeriodStats.class), Kind.OUTPUT_EVENTS);
    }

    public static Topics withPrefix(String prefix) {
        return new Topics(prefix);
    }

    public static Topics defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    public Topic<String, ActivityEvent> activities() {
        return activities;
    }

    public Topic<String, TrainingCompletionEvent> trainingCompletions() {
        return trainingCompletions;
    }

    public Topic<String, MentorStats> mentorStats() {
        return mentorStats;
    }

    /** Key: badge_definition_id; a tombstone deletes the definition (earned badges stay). */
    public Topic<String, BadgeDefinition> badgeDefinitions() {
        return badgeDefinitions;
    }

    /** Key: peer_mentor_id; manual awards and revocations from the REST layer (internal). */
    public Topic<String, BadgeCommand> badgeCommands() {
        return badgeCommands;
    }

    /** Key: earned_badge_id; the full earned-badge record on every change. */
    public Topic<String, EarnedBadge> earnedBadges() {
        return earnedBadges;
    }

    /** Key: peer_mentor_id; one {@code badge_awarded} or {@code badge_revoked} event per transition. */
    public Topic<String, BadgeNotification> badgeNotifications() {
        return badgeNotifications;
    }

    public Topic<byte[], byte[]> deadLetter() {
        return deadLetter;
    }

    /**
     * Key: a dead letter's {@code partition:offset}; value: where and when it was sent back, one
     * line of text. Read and written by the replay command only.
     */
    public Topic<String, String> deadLetterReplays() {
        return deadLetterReplays;
    }

    public Topic<String, MentorProfile> mentorProfiles() {
        return mentorProfiles;
    }

    public Topic<String, Certification> certifications() {
        return certifications;
    }

    public Topic<String, Assignment> assignments() {
        return assignments;
    }

    public Topic<String, MentorDetailCommand> mentorDetailCommands() {
        return mentorDetailCommands;
    }

    public Topic<String, MentorDetailDocument> mentorDetails() {
        return mentorDetails;
    }

    /** Key: {@code <kind>:<zone>}; the start of each local day (and the reminder hour) in each zone. */
    public Topic<String, ClockTick> clockTicks() {
        return clockTicks;
    }

    /** Key: peer_mentor_id; one {@code streak_at_risk} event per mentor and local day, when reminders are on. */
    public Topic<String, StreakReminder> streakReminders() {
        return streakReminders;
    }

    /**
     * Key: organisation_id; an organisation's new totals for one period each time a batch of its
     * mentors' changes reached them (at most about once a second per organisation and period).
     */
    public Topic<String, OrganisationPeriodStats> organisationStats() {
        return organisationStats;
    }

    /**
     * The topics the systems around peerstats write its events to: the five an event producer may
     * write, and the only ones a dead letter may be sent back to. Not the command topics (the REST
     * API writes those, after its role check) nor the badge definitions (read through a global
     * store).
     */
    public List<Topic<String, ?>> inputs() {
        return List.of(activities, trainingCompletions, mentorProfiles, certifications, assignments);
    }

    public List<Topic<?, ?>> all() {
        return List.of(activities, trainingCompletions, mentorStats, deadLetter, deadLetterReplays,
                mentorProfiles, certifications, assignments, mentorDetailCommands, mentorDetails,
                badgeDefinitions, badgeCommands, earnedBadges, badgeNotifications, clockTicks, streakReminders,
                organisationStats);
    }
}
