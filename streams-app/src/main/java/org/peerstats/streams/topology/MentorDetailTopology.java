package org.peerstats.streams.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.detail.MentorDetailLists;
import org.peerstats.streams.detail.MentorDetailState;
import org.peerstats.streams.detail.MentorDetailStateMachine;
import org.peerstats.streams.detail.MentorView;
import org.peerstats.streams.lists.IndexedGlobalStores;
import org.peerstats.streams.serde.JsonSerde;

/**
 * The mentor-detail part of the topology (DESIGN.md section 7):
 *
 * <pre>
 * mentor-inputs: profile ─────────► merge-mentor-profile ───────┐
 *                certification ───► merge-certification ────────┤
 *                assignment change ► merge-assignment ──────────┼─► mentor-details
 *                detail command ──► apply-mentor-detail-command ┘   (stores: mentor-detail-view,
 *                                                                    mentor-detail-state, daily-activity)
 * mentor-details ─► global store mentor-details-lists (on every instance: each mentor, and the
 *                   dashboard lists with their totals)
 * </pre>
 *
 * The four merge processors share the view and state stores and the stats' {@code daily-activity}
 * store (which a command reads for the month's activity), so all of them run in the mentors'
 * sub-topology. Assignments were re-keyed from assignment_id to mentor by the ingest stage.
 */
public final class MentorDetailTopology {

    /** Every merge processor holds the view and state stores, and daily-activity for a command's snapshot. */
    private static final String[] DETAIL_STORES = {StoreNames.MENTOR_DETAIL_VIEW,
        StoreNames.MENTOR_DETAIL_STATE, StoreNames.DAILY_ACTIVITY};
    private static final String KIND = "mentor-detail-input-";

    private MentorDetailTopology() {
    }

    /** Adds the mentor-detail stores; the stats processors read the view's profile too. */
    public static void addStores(StreamsBuilder builder) {
        builder.addStateStore(store(StoreNames.MENTOR_DETAIL_VIEW, MentorView.class));
        builder.addStateStore(store(StoreNames.MENTOR_DETAIL_STATE, MentorDetailState.class));
    }

    /**
     * Adds the mentor-detail nodes to {@code builder}, which must already hold the
     * {@code daily-activity} store and the stores of {@link #addStores}; {@code inputs} carries every profile, certification,
     * assignment change and detail command from {@code mentor-inputs}.
     */
    public static void addTo(StreamsBuilder builder, TopologySettings settings, KStream<String, MentorInput> inputs) {
        Topics topics = settings.topics();
        Map<String, KStream<String, MentorInput>> byKind = inputs.split(Named.as(KIND))
                .branch((mentor, input) -> input instanceof MentorInput.Profile, Branched.as("profile"))
                .branch((mentor, input) -> input instanceof MentorInput.CertificationChange,
                        Branched.as("certification"))
                .branch((mentor, input) -> input instanceof MentorInput.Assignment, Branched.as("assignment"))
                .branch((mentor, input) -> input instanceof MentorInput.DetailCommand, Branched.as("command"))
                .noDefaultBranch();

        KStream<String, MentorDetailDocument> fromProfiles = merge(byKind.get(KIND + "profile"),
                "merge-mentor-profile", settings, MentorInput.Profile.class,
                (detail, input, facts) -> detail.withProfile(input.profile()));
        KStream<String, MentorDetailDocument> fromCertifications = merge(byKind.get(KIND + "certification"),
                "merge-certification", settings, MentorInput.CertificationChange.class,
                (detail, input, facts) -> detail.withCertificationExpiry(
                        input.certification() == null ? null : input.certification().expiryDate()));
        KStream<String, MentorDetailDocument> fromAssignments = merge(byKind.get(KIND + "assignment"),
                "merge-assignment", settings, MentorInput.Assignment.class,
                (detail, input, facts) -> detail.with(input.change()));
        KStream<String, MentorDetailDocument> fromCommands = merge(byKind.get(KIND + "command"),
                "apply-mentor-detail-command", settings, MentorInput.DetailCommand.class,
                (detail, input, facts) -> detail.apply(new MentorDetailStateMachine.Command(
                        input.command().commandId(), input.command().event(), input.commandOffset(), facts.at()),
                        facts.activity()));

        fromProfiles
                .merge(fromCertifications, Named.as("mentor-detail-changes-1"))
                .merge(fromAssignments, Named.as("mentor-detail-changes-2"))
                .merge(fromCommands, Named.as("mentor-detail-changes-3"))
                .to(topics.mentorDetails().name(), settings.output(topics.mentorDetails(), "mentor-details-sink"));

        IndexedGlobalStores.add(builder, topics.mentorDetails(), StoreNames.MENTOR_DETAILS_GLOBAL,
                "mentor-details-global-source", new MentorDetailLists());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), JsonSerde.of(type));
    }

    /** One merge processor over the shared detail stores, for one kind of input. */
    private static <V extends MentorInput> KStream<String, MentorDetailDocument> merge(
            KStream<String, MentorInput> input, String name, TopologySettings settings, Class<V> kind,
            MentorDetailProcessor.Merge<V> merge) {
        return input.mapValues(kind::cast, Named.as(name + "-input"))
                .process(() -> new MentorDetailProcessor<>(merge, settings.zones()), Named.as(name), DETAIL_STORES);
    }
}
