package org.peerstats.streams.topology;

import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeInputValidator;
import org.peerstats.streams.clock.ClockTickValidator;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.DetailEventValidator;
import org.peerstats.streams.events.EventValidator;
import org.peerstats.streams.serde.JsonSerde;

/**
 * The ingest stage: every mentor-keyed input topic is validated where it was read and re-keyed
 * onto one internal topic, {@code mentor-inputs}, that Kafka Streams writes with
 * {@link MentorPartitioner} and a partition count pinned by configuration.
 *
 * <pre>
 * activities ─► admit-activity ─► activity-owner-inputs (one partition) ─► track-activity-owner ┐
 * training-completions ───► admit-training-completion ──┤
 * mentor-profiles ────────► admit-mentor-profile ───────┤
 * certifications ─────────► admit-certification ────────┼─► mentor-inputs (repartition, by mentor)
 * assignments ─► admit-assignment ─► assignment-owner-inputs (one partition) ─► track-assignment-owner ┤
 * badge-commands ─────────► admit-badge-command ────────┤
 * mentor-detail-commands ─► admit-mentor-detail-command ┤
 * clock-ticks ────────────► admit-clock-tick ───────────┘ (a tick to every partition)
 * </pre>
 *
 * So the mentors' state never depends on how a producer partitioned: a Java client (murmur2), a
 * librdkafka one (CRC32), a random or an explicit partition all reach the same task. The input
 * topics may have any partition count. A record that breaks a rule is dead-lettered here, with
 * its original bytes and the input topic, partition and offset in the headers; what passes on is
 * a {@link MentorInput} the mentors' task applies without checking again. Activities are re-keyed
 * by activity_id and pass the activity-owner stage ({@link ActivityOwnerProcessor}: one mentor
 * counts an activity; a move retracts it from the former one); assignments are keyed by
 * assignment_id and pass the assignment-owner stage (which turns a move into a removal for the
 * old mentor and an upsert for the new one); both are then re-keyed by mentor.
 */
final class IngestTopology {

    /** Validates one input record; throws {@code InvalidEventException}. */
    @FunctionalInterface
    interface Validation<V> {
        void validate(String key, V value, Instant recordTime);
    }

    /** Wraps a valid value; {@code offset} is the record's offset in its input partition. */
    @FunctionalInterface
    interface Wrap<V, W> {
        W wrap(V value, long offset);
    }

    /**
     * One partition for each owner stage (activities, assignments), on purpose. Every record of an
     * id reaches the one task that owns ids, however the producer partitioned it (a Java client and
     * kcat place one key differently; two owner tasks would each think they own it). And every
     * record of a mentor passes in the order it was read from its input partition, so the mentors'
     * task still applies a mentor's activities in input order (badges are awarded along that path,
     * and a replay after a reset retraces it); placed by id, a mentor's activities would reach the
     * mentors' task in whatever order the owner tasks ran. One task holds every owner;
     * docs/benchmarks.md measures what it costs.
     */
    static final int OWNER_PARTITIONS = 1;

    private IngestTopology() {
    }

    /** Adds the ingest stage to {@code builder}; returns the stream the mentors' task reads. */
    static KStream<String, MentorInput> mentorInputs(StreamsBuilder builder, TopologySettings settings) {
        Topics topics = settings.topics();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ACTIVITY_OWNERS),
                Serdes.String(), JsonSerde.of(ActivityOwner.class)));
        KStream<String, MentorInput> activities = builder
                .stream(topics.activities().name(), topics.activities().consumed("activity-source"))
                .processValues(() -> new Admission<ActivityEvent, ActivityEvent>((key, event, at) -> EventValidator
                        .validateActivity(key, event, at, settings.maxActivityMinutes()), (event, offset) -> event),
                        Named.as("admit-activity"))
                .selectKey((mentorId, event) -> event.activityId(), Named.as("key-activity-by-id"))
                .repartition(Repartitioned.<String, ActivityEvent>as(StoreNames.ACTIVITY_OWNER_INPUTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(topics.activities().valueSerde())
                        .withNumberOfPartitions(OWNER_PARTITIONS))
                .process(ActivityOwnerProcessor::new, Named.as("track-activity-owner"), StoreNames.ACTIVITY_OWNERS);
        KStream<String, MentorInput> training = admit(builder, topics.trainingCompletions(), "training-completion",
                EventValidator::validateTrainingCompletion,
                (event, offset) -> new MentorInput.TrainingCompletion(event));
        KStream<String, MentorInput> profiles = admit(builder, topics.mentorProfiles(), "mentor-profile",
                (key, profile, at) -> DetailEventValidator.validateProfile(key, profile),
                (profile, offset) -> new MentorInput.Profile(profile));
        KStream<String, MentorInput> certifications = admit(builder, topics.certifications(), "certification",
                (key, certification, at) -> DetailEventValidator.validateCertification(key, certification, at),
                (certification, offset) -> new MentorInput.CertificationChange(certification));
        KStream<String, MentorInput> badgeCommands = admit(builder, topics.badgeCommands(), "badge-command",
                (key, command, at) -> BadgeInputValidator.validateCommand(key, command),
                (command, offset) -> new MentorInput.BadgeCommandReceived(command));
        KStream<String, MentorInput> detailCommands = admit(builder, topics.mentorDetailCommands(),
                "mentor-detail-command", (key, command, at) -> DetailEventValidator.validateCommand(key, command),
                MentorInput.DetailCommand::new);
        KStream<String, MentorInput> clockTicks = admit(builder, topics.clockTicks(), "clock-tick",
                ClockTickValidator::validate, (tick, offset) -> new MentorInput.ClockTick(tick));

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ASSIGNMENT_OWNERS), Serdes.String(), Serdes.String()));
        KStream<String, MentorInput> assignments = builder
                .stream(topics.assignments().name(), topics.assignments().consumed("assignments-source"))
                .processValues(() -> new Admission<Assignment, Assignment>(
                        (key, assignment, at) -> DetailEventValidator.validateAssignment(key, assignment),
                        (assignment, offset) -> assignment), Named.as("admit-assignment"))
                .repartition(Repartitioned.<String, Assignment>as(StoreNames.ASSIGNMENT_OWNER_INPUTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(topics.assignments().valueSerde())
                        .withNumberOfPartitions(OWNER_PARTITIONS))
                .process(AssignmentOwnerProcessor::new, Named.as("track-assignment-owner"),
                        StoreNames.ASSIGNMENT_OWNERS)
                .mapValues(MentorInput.Assignment::new, Named.as("wrap-assignment-change"));

        return activities
                .merge(training, Named.as("mentor-inputs-1"))
                .merge(profiles, Named.as("mentor-inputs-2"))
                .merge(certifications, Named.as("mentor-inputs-3"))
                .merge(assignments, Named.as("mentor-inputs-4"))
                .merge(badgeCommands, Named.as("mentor-inputs-5"))
                .merge(detailCommands, Named.as("mentor-inputs-6"))
                .merge(clockTicks, Named.as("mentor-inputs-7"))
                .repartition(Repartitioned.<String, MentorInput>as(StoreNames.MENTOR_INPUTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(MentorInputSerde.INSTANCE)
                        .withNumberOfPartitions(settings.mentorPartitions())
                        .withStreamPartitioner(MentorPartitioner.instance()));
    }

    private static <V> KStream<String, MentorInput> admit(StreamsBuilder builder, Topics.Topic<String, V> topic,
            String kind, Validation<V> validation, Wrap<V, MentorInput> wrap) {
        return builder.stream(topic.name(), topic.consumed(kind + "-source"))
                .processValues(() -> new Admission<>(validation, wrap), Named.as("admit-" + kind));
    }

    /** Validates a record and forwards it wrapped; an invalid one throws and is dead-lettered. */
    private static final class Admission<V, W> extends ContextualFixedKeyProcessor<String, V, W> {

        private final Validation<V> validation;
        private final Wrap<V, W> wrap;

        Admission(Validation<V> validation, Wrap<V, W> wrap) {
            this.validation = validation;
            this.wrap = wrap;
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            validation.validate(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
            long offset = context().recordMetadata().map(RecordMetadata::offset).orElse(-1L);
            context().forward(record.withValue(wrap.wrap(record.value(), offset)));
        }
    }
}
