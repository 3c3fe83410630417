package org.peerstats.streams.detail;

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
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.DetailEventValidator;
import org.peerstats.streams.events.MentorDetailCommand;
import org.peerstats.streams.events.MentorProfile;
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

    private MentorDetailTopology() {
    }

    /** Adds the mentor-detail nodes to {@code builder}, which must already hold the {@code daily-activity} store. */
    public static void addTo(StreamsBuilder builder, Topics topics, OrganisationZones zones) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DetailStoreNames.ASSIGNMENT_OWNERS), Serdes.String(), Serdes.String()));
        builder.addStateStore(store(DetailStoreNames.MENTOR_DETAIL_VIEW, MentorView.class));
        builder.addStateStore(store(DetailStoreNames.MENTOR_DETAIL_STATE, MentorDetailState.class));
        // Every merge processor holds the view and state stores, and daily-activity for a command's snapshot.
        String[] detailStores = {DetailStoreNames.MENTOR_DETAIL_VIEW, DetailStoreNames.MENTOR_DETAIL_STATE,
                StoreNames.DAILY_ACTIVITY};

        KStream<String, AssignmentChange> assignmentChanges = builder
                .stream(topics.assignments().name(), topics.assignments().consumed("assignments-source"))
                .process(AssignmentOwnerProcessor::new, Named.as("track-assignment-owner"),
                        DetailStoreNames.ASSIGNMENT_OWNERS)
                .repartition(Repartitioned.<String, AssignmentChange>as(DetailStoreNames.ASSIGNMENTS_BY_MENTOR)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(AssignmentChange.class)));

        KStream<String, MentorDetailDocument> fromProfiles = builder
                .stream(topics.mentorProfiles().name(), topics.mentorProfiles().consumed("mentor-profiles-source"))
                .process(() -> new MentorDetailProcessor<>(new ProfileInput(), zones),
                        Named.as("merge-mentor-profile"), detailStores);
        KStream<String, MentorDetailDocument> fromCertifications = builder
                .stream(topics.certifications().name(), topics.certifications().consumed("certifications-source"))
                .process(() -> new MentorDetailProcessor<>(new CertificationInput(), zones),
                        Named.as("merge-certification"), detailStores);
        KStream<String, MentorDetailDocument> fromAssignments = assignmentChanges
                .process(() -> new MentorDetailProcessor<>(new AssignmentInput(), zones),
                        Named.as("merge-assignment"), detailStores);
        KStream<String, MentorDetailDocument> fromCommands = builder
                .stream(topics.mentorDetailCommands().name(),
                        topics.mentorDetailCommands().consumed("mentor-detail-commands-source"))
                .process(() -> new MentorDetailProcessor<>(new CommandInput(), zones),
                        Named.as("apply-mentor-detail-command"), detailStores);

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

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), JsonSerde.of(type));
    }

    private static final class ProfileInput implements MentorDetailProcessor.Input<MentorProfile> {
        @Override
        public void validate(String key, MentorProfile value) {
            DetailEventValidator.validateProfile(key, value);
        }

        @Override
        public MentorDetail apply(MentorDetail current, MentorProfile value, MentorDetailProcessor.Facts facts) {
            return current.withProfile(value);
        }
    }

    private static final class CertificationInput implements MentorDetailProcessor.Input<Certification> {
        @Override
        public void validate(String key, Certification value) {
            DetailEventValidator.validateCertification(key, value);
        }

        @Override
        public MentorDetail apply(MentorDetail current, Certification value, MentorDetailProcessor.Facts facts) {
            return current.withCertificationExpiry(value == null ? null : value.expiryDate());
        }
    }

    /** Assignment changes come from the repartition topic, validated before it. */
    private static final class AssignmentInput implements MentorDetailProcessor.Input<AssignmentChange> {
        @Override
        public void validate(String key, AssignmentChange value) {
            // validated by track-assignment-owner, before the repartition
        }

        @Override
        public MentorDetail apply(MentorDetail current, AssignmentChange value, MentorDetailProcessor.Facts facts) {
            return current.with(value);
        }
    }

    private static final class CommandInput implements MentorDetailProcessor.Input<MentorDetailCommand> {
        @Override
        public void validate(String key, MentorDetailCommand value) {
            DetailEventValidator.validateCommand(key, value);
        }

        @Override
        public MentorDetail apply(MentorDetail current, MentorDetailCommand value, MentorDetailProcessor.Facts facts) {
            return current.apply(new MentorDetailStateMachine.Command(value.commandId(), value.event(),
                    facts.offset(), facts.at()), facts.activity());
        }
    }
}
