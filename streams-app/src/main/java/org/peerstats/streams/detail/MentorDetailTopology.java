package org.peerstats.streams.detail;

import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.DetailEventValidator;
import org.peerstats.streams.serde.JsonSerde;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.topology.StoreNames;

/**
 * The mentor-detail part of the topology (DESIGN.md section 7):
 *
 * <pre>
 * assignments ─► track-assignment-owner ─► repartition assignments-by-mentor ─┐   (store: assignment-owners)
 * mentor-profiles ─► merge-mentor-profile ────────────────────────────────────┤
 * certifications ──► merge-certification ─────────────────────────────────────┼─► mentor-details
 * assignments-by-mentor ─► merge-assignment ──────────────────────────────────┤   (stores: mentor-detail-view,
 * mentor-detail-commands ─► apply-mentor-detail-command ──────────────────────┘    mentor-detail-state,
 *                                                                                   daily-activity)
 * mentor-details ─► global store mentor-details-global (on every instance, for the REST layer)
 * </pre>
 *
 * The four merge processors share the view and state stores and the stats' {@code daily-activity}
 * store (which a command reads for the month's activity), so all of them run in the stats
 * sub-topology, co-partitioned by {@code peer_mentor_id}. Every node, store and internal topic is named explicitly.
 */
public final class MentorDetailTopology {

    /** Every merge processor holds the view and state stores, and daily-activity for a command's snapshot. */
    private static final String[] DETAIL_STORES = {DetailStoreNames.MENTOR_DETAIL_VIEW,
        DetailStoreNames.MENTOR_DETAIL_STATE, StoreNames.DAILY_ACTIVITY};

    private MentorDetailTopology() {
    }

    /** Adds the mentor-detail nodes to {@code builder}, which must already hold the {@code daily-activity} store. */
    public static void addTo(StreamsBuilder builder, Topics topics, OrganisationZones zones) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DetailStoreNames.ASSIGNMENT_OWNERS), Serdes.String(), Serdes.String()));
        builder.addStateStore(store(DetailStoreNames.MENTOR_DETAIL_VIEW, MentorView.class));
        builder.addStateStore(store(DetailStoreNames.MENTOR_DETAIL_STATE, MentorDetailState.class));
        KStream<String, MentorDetailDocument> fromProfiles = merge(
                source(builder, topics.mentorProfiles(), "mentor-profiles-source"), "merge-mentor-profile", zones,
                DetailEventValidator::validateProfile,
                (detail, profile, facts) -> detail.withProfile(profile));
        KStream<String, MentorDetailDocument> fromCertifications = merge(
                source(builder, topics.certifications(), "certifications-source"), "merge-certification", zones,
                DetailEventValidator::validateCertification,
                (detail, certification, facts) -> detail.withCertificationExpiry(
                        certification == null ? null : certification.expiryDate()));
        KStream<String, MentorDetailDocument> fromAssignments = merge(
                assignmentsByMentor(builder, topics), "merge-assignment", zones,
                (key, change) -> { }, // validated by track-assignment-owner, before the repartition
                (detail, change, facts) -> detail.with(change));
        KStream<String, MentorDetailDocument> fromCommands = merge(
                source(builder, topics.mentorDetailCommands(), "mentor-detail-commands-source"),
                "apply-mentor-detail-command", zones,
                DetailEventValidator::validateCommand,
                (detail, command, facts) -> detail.apply(new MentorDetailStateMachine.Command(command.commandId(),
                        command.event(), facts.offset(), facts.at()), facts.activity()));

        fromProfiles
                .merge(fromCertifications, Named.as("mentor-detail-changes-1"))
                .merge(fromAssignments, Named.as("mentor-detail-changes-2"))
                .merge(fromCommands, Named.as("mentor-detail-changes-3"))
                .to(topics.mentorDetails().name(), topics.mentorDetails().produced("mentor-details-sink"));

        builder.globalTable(topics.mentorDetails().name(),
                topics.mentorDetails().consumed("mentor-details-global"),
                Materialized.<String, MentorDetailDocument, KeyValueStore<Bytes, byte[]>>as(
                                DetailStoreNames.MENTOR_DETAILS_GLOBAL)
                        .withKeySerde(topics.mentorDetails().keySerde())
                        .withValueSerde(topics.mentorDetails().valueSerde()));
    }

    /** Assignment changes keyed by mentor: a move or deletion reaches the former holder as a removal. */
    private static KStream<String, AssignmentChange> assignmentsByMentor(StreamsBuilder builder, Topics topics) {
        return source(builder, topics.assignments(), "assignments-source")
                .process(AssignmentOwnerProcessor::new, Named.as("track-assignment-owner"),
                        DetailStoreNames.ASSIGNMENT_OWNERS)
                .repartition(Repartitioned.<String, AssignmentChange>as(DetailStoreNames.ASSIGNMENTS_BY_MENTOR)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(AssignmentChange.class)));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), JsonSerde.of(type));
    }

    private static <V> KStream<String, V> source(StreamsBuilder builder, Topics.Topic<String, V> topic, String name) {
        return builder.stream(topic.name(), topic.consumed(name));
    }

    /** One merge processor over the shared detail stores: validate, then merge into the mentor's detail. */
    private static <V> KStream<String, MentorDetailDocument> merge(KStream<String, V> input, String name,
            OrganisationZones zones, BiConsumer<String, V> validator, MentorDetailProcessor.Merge<V> merge) {
        MentorDetailProcessor.Input<V> rule = new MentorDetailProcessor.Input<>(validator, merge);
        return input.process(() -> new MentorDetailProcessor<>(rule, zones), Named.as(name), DETAIL_STORES);
    }
}
