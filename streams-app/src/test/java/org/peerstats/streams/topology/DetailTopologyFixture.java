package org.peerstats.streams.topology;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.Topics;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.lists.IndexedStore;
import org.peerstats.streams.detail.MentorDetailState;
import org.peerstats.streams.detail.MentorView;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.MentorDetailCommand;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * The production topology (through {@link TopologyFixture}) with the mentor-detail inputs,
 * output and stores at hand.
 */
final class DetailTopologyFixture implements AutoCloseable {

    final TopologyFixture base;
    final Topics topics;
    final TestInputTopic<String, MentorProfile> profiles;
    final TestInputTopic<String, Certification> certifications;
    final TestInputTopic<String, Assignment> assignments;
    final TestInputTopic<String, MentorDetailCommand> commands;
    final TestOutputTopic<String, MentorDetailDocument> documents;
    private int commandCount;

    DetailTopologyFixture(Path stateDir, OrganisationZones zones) {
        base = new TopologyFixture(stateDir, zones);
        topics = base.topics;
        profiles = input(topics.mentorProfiles());
        certifications = input(topics.certifications());
        assignments = input(topics.assignments());
        commands = input(topics.mentorDetailCommands());
        documents = base.driver.createOutputTopic(topics.mentorDetails().name(), Serdes.String().deserializer(),
                topics.mentorDetails().valueSerde().deserializer());
    }

    private <V> TestInputTopic<String, V> input(Topics.Topic<String, V> topic) {
        return base.driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde().serializer());
    }

    /** Raw bytes as a producer that ignores the schema would write them. */
    TestInputTopic<String, String> raw(Topics.Topic<String, ?> topic) {
        return base.driver.createInputTopic(topic.name(), Serdes.String().serializer(), Serdes.String().serializer());
    }

    void profile(MentorProfile profile, Instant at) {
        profiles.pipeInput(profile.peerMentorId(), profile, at);
    }

    void certification(String mentorId, String expiry, Instant at) {
        certifications.pipeInput(mentorId, new Certification(mentorId, Instant.parse(expiry)), at);
    }

    void assignment(String id, String mentorId, String contact, String status, Instant at) {
        assignments.pipeInput(id, new Assignment(id, mentorId, contact, status), at);
    }

    /** Sends a command with the given record timestamp; returns its id. */
    String command(String mentorId, MentorDetailEvent event, Instant at) {
        String id = "cmd-" + ++commandCount;
        commands.pipeInput(mentorId, new MentorDetailCommand(id, event, mentorId, at), at);
        return id;
    }

    Optional<MentorView> view(String mentorId) {
        KeyValueStore<String, MentorView> store = base.driver.getKeyValueStore(StoreNames.MENTOR_DETAIL_VIEW);
        return Optional.ofNullable(store.get(mentorId));
    }

    Optional<MentorDetailState> state(String mentorId) {
        KeyValueStore<String, MentorDetailState> store =
                base.driver.getKeyValueStore(StoreNames.MENTOR_DETAIL_STATE);
        return Optional.ofNullable(store.get(mentorId));
    }

    /** What every instance's REST layer sees: the global store fed by {@code mentor-details}. */
    Optional<MentorDetailDocument> published(String mentorId) {
        return IndexedStore.get(base.globalStore(StoreNames.MENTOR_DETAILS_GLOBAL),
                base.topics.mentorDetails().valueSerde().deserializer(), mentorId);
    }

    /** The latest document per mentor on the output topic since the last read (null = tombstone). */
    Map<String, MentorDetailDocument> latestDocuments() {
        return documents.readKeyValuesToMap();
    }

    @Override
    public void close() {
        base.close();
    }
}
