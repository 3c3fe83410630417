package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.Topics;
import org.peerstats.streams.detail.ActivitySummary;
import org.peerstats.streams.detail.AppliedCommand;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.detail.MentorDetailPhase;
import org.peerstats.streams.detail.MentorDetailSnapshot;
import org.peerstats.streams.detail.OpenAssignment;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.CommandStatus;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.stats.OrganisationZones;

class MentorDetailTopologyTest {

    private static final String KARI = "pm-kari-001";
    private static final String OLA = "pm-ola-002";
    private static final String OSLO = "org-nhf-oslo";
    private static final OrganisationZones ZONES = OrganisationZones.of(ZoneId.of("Europe/Oslo"));
    private static final MentorProfile KARI_PROFILE = new MentorProfile(KARI, OSLO, "Kari Nordmann",
            "kari.nordmann@frivillig.no", "active", false);
    private static final MentorProfile OLA_PROFILE = new MentorProfile(OLA, OSLO, "Ola Hansen",
            "ola.hansen@example.org", "active", true);
    private static final Instant T0 = Instant.parse("2026-03-20T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-26T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-26T10:05:00Z");

    @TempDir
    Path stateDir;
    private DetailTopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new DetailTopologyFixture(stateDir, ZONES);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private MentorDetailDocument latest(String mentorId) {
        return fixture.published(mentorId).orElseThrow(() -> new AssertionError("nothing published for " + mentorId));
    }

    private void kariWithTwoOpenAssignments() {
        fixture.profile(KARI_PROFILE, T0);
        fixture.certification(KARI, "2028-01-20T00:00:00Z", T0);
        fixture.assignment("assign_001aa", KARI, "Per Olsen", "open", T0);
        fixture.assignment("assign_002bb", KARI, "Liv Svendsen", "open", T0);
        fixture.assignment("assign_003cc", KARI, "Nils Berg", "closed", T0);
    }

    private static ActivityEvent activity(String id, ActivityType type, String occurredAt) {
        return new ActivityEvent(EventOp.UPSERT, id, KARI, OSLO, type, null, Instant.parse(occurredAt), 30);
    }

    @Test
    void profileCertificationAndOpenAssignmentsMergeIntoOnePublishedDocument() {
        kariWithTwoOpenAssignments();

        MentorDetailDocument document = latest(KARI);
        assertEquals(new MentorDetailDocument(KARI, true, OSLO, "Kari Nordmann", "active", false,
                Instant.parse("2028-01-20T00:00:00Z"), 2, MentorDetailPhase.INITIAL, null, null, null, null), document);
        assertEquals(List.of(new OpenAssignment("assign_001aa", "Per Olsen", "open"),
                new OpenAssignment("assign_002bb", "Liv Svendsen", "open")),
                fixture.view(KARI).orElseThrow().openAssignmentList());
        assertEquals(document, fixture.latestDocuments().get(KARI));
    }

    @Test
    void closingAnAssignmentRemovesItFromTheMergedView() {
        kariWithTwoOpenAssignments();

        fixture.assignment("assign_001aa", KARI, "Per Olsen", "closed", T1);

        assertEquals(1, latest(KARI).openAssignmentCount());
        assertEquals(List.of(new OpenAssignment("assign_002bb", "Liv Svendsen", "open")),
                fixture.view(KARI).orElseThrow().openAssignmentList());
    }

    @Test
    void anAssignmentThatMovesLeavesItsOldMentorAndJoinsTheNewOne() {
        kariWithTwoOpenAssignments();
        fixture.profile(OLA_PROFILE, T0);
        fixture.documents.readRecordsToList();

        fixture.assignment("assign_001aa", OLA, "Per Olsen", "open", T1);

        assertEquals(1, latest(KARI).openAssignmentCount());
        assertEquals(1, latest(OLA).openAssignmentCount());
        assertEquals(List.of(new OpenAssignment("assign_001aa", "Per Olsen", "open")),
                fixture.view(OLA).orElseThrow().openAssignmentList());
        KeyValueStore<String, String> owners = fixture.base.driver.getKeyValueStore(StoreNames.ASSIGNMENT_OWNERS);
        assertEquals(OLA, owners.get("assign_001aa"));
        assertEquals(Set.of(KARI, OLA), fixture.latestDocuments().keySet());
    }

    @Test
    void aDeletedAssignmentIsRemovedFromItsMentorAndItsOwnerForgotten() {
        kariWithTwoOpenAssignments();

        fixture.assignments.pipeInput("assign_002bb", null, T1);

        assertEquals(List.of(new OpenAssignment("assign_001aa", "Per Olsen", "open")),
                fixture.view(KARI).orElseThrow().openAssignmentList());
        KeyValueStore<String, String> owners = fixture.base.driver.getKeyValueStore(StoreNames.ASSIGNMENT_OWNERS);
        assertNull(owners.get("assign_002bb"));
    }

    @Test
    void aDeletedCertificationRemovesTheExpiry() {
        kariWithTwoOpenAssignments();

        fixture.certifications.pipeInput(KARI, null, T1);

        assertNull(latest(KARI).certificationExpiry());
    }

    @Test
    void recordsWrittenAsTheTopicSchemaSaysAreRead() {
        fixture.raw(fixture.topics.mentorProfiles()).pipeInput(OLA, "{\"peer_mentor_id\":\"" + OLA
                + "\",\"organisation_id\":\"" + OSLO + "\",\"full_name\":\"Ola Hansen\","
                + "\"email\":\"ola.hansen@example.org\",\"status\":\"active\",\"is_paused\":true}", T0);
        fixture.raw(fixture.topics.assignments()).pipeInput("assign_7", "{\"assignment_id\":\"assign_7\","
                + "\"peer_mentor_id\":\"" + OLA + "\",\"contact_name\":\"Per Olsen\",\"status\":\"open\"}", T0);
        fixture.raw(fixture.topics.mentorDetailCommands()).pipeInput(OLA, "{\"command_id\":\"c-1\","
                + "\"event\":\"LoadMentorDetail\",\"mentor_id\":\"" + OLA + "\","
                + "\"dispatched_at\":\"2026-03-26T09:00:00Z\"}", T1);

        MentorDetailDocument document = latest(OLA);
        assertEquals(OLA_PROFILE, document.snapshot().profile());
        assertEquals(1, document.openAssignmentCount());
        assertEquals("c-1", document.lastCommand().commandId());
        assertEquals(List.of(), fixture.base.deadLetterReasons);
    }

    @Test
    void aCertificationGivenAsABareDateIsReadAsItsUtcMidnight() {
        fixture.profile(KARI_PROFILE, T0);
        fixture.raw(fixture.topics.certifications()).pipeInput(KARI,
                "{\"peer_mentor_id\":\"" + KARI + "\",\"expiry_date\":\"2027-06-30\"}", T0);

        assertEquals(Instant.parse("2027-06-30T00:00:00Z"), latest(KARI).certificationExpiry());
    }

    @Test
    void loadTakesASnapshotWithTheCurrentMonthsActivityInTheOrganisationsZone() {
        kariWithTwoOpenAssignments();
        Instant logged = Instant.parse("2026-04-01T12:00:00Z");
        fixture.base.send(activity("feb", ActivityType.SESSION, "2026-02-27T10:00:00Z"), logged);
        fixture.base.send(activity("mar-1", ActivityType.SESSION, "2026-02-28T23:30:00Z"), logged); // 1 March, 00:30 in Oslo
        fixture.base.send(activity("mar-2", ActivityType.SESSION, "2026-03-02T10:00:00Z"), logged);
        fixture.base.send(activity("mar-20", ActivityType.PHONE_CALL, "2026-03-20T10:00:00Z"), logged);
        fixture.base.send(activity("mar-31", ActivityType.GROUP, "2026-03-31T21:30:00Z"), logged); // 23:30 in Oslo
        fixture.base.send(activity("apr-1", ActivityType.SESSION, "2026-03-31T22:30:00Z"), logged); // 1 April in Oslo

        String commandId = fixture.command(KARI, MentorDetailEvent.LOAD, T1);

        MentorDetailDocument document = latest(KARI);
        assertEquals(MentorDetailPhase.LOADED, document.phase());
        assertEquals(T1, document.loadedAt());
        assertNull(document.previousLoadedAt());
        assertEquals(new MentorDetailSnapshot(KARI_PROFILE, Instant.parse("2028-01-20T00:00:00Z"),
                new ActivitySummary(2, 4, "month"), List.of(new OpenAssignment("assign_001aa", "Per Olsen", "open"),
                new OpenAssignment("assign_002bb", "Liv Svendsen", "open"))), document.snapshot());
        assertEquals(new AppliedCommand(commandId, MentorDetailEvent.LOAD, CommandStatus.APPLIED, 0, T1),
                document.lastCommand());
        assertEquals(document.snapshot(), fixture.state(KARI).orElseThrow().snapshot());
    }

    @Test
    void refreshKeepsPreviousLoadedAtAndShowsWhatChangedSinceTheLoad() {
        kariWithTwoOpenAssignments();
        fixture.command(KARI, MentorDetailEvent.LOAD, T1);
        fixture.assignment("assign_001aa", KARI, "Per Olsen", "closed", T1.plusSeconds(60));
        fixture.base.send(activity("a1", ActivityType.SESSION, "2026-03-26T09:30:00Z"), T1.plusSeconds(120));

        MentorDetailDocument beforeRefresh = latest(KARI);
        assertEquals(1, beforeRefresh.openAssignmentCount(), "the live count follows the change");
        assertEquals(2, beforeRefresh.snapshot().activeAssignments().size(), "the snapshot stays as loaded");
        assertEquals(T1, beforeRefresh.loadedAt());

        fixture.command(KARI, MentorDetailEvent.REFRESH, T2);

        MentorDetailDocument refreshed = latest(KARI);
        assertEquals(MentorDetailPhase.LOADED, refreshed.phase());
        assertEquals(T2, refreshed.loadedAt());
        assertEquals(T1, refreshed.previousLoadedAt());
        assertEquals(List.of(new OpenAssignment("assign_002bb", "Liv Svendsen", "open")),
                refreshed.snapshot().activeAssignments());
        assertEquals(new ActivitySummary(1, 1, "month"), refreshed.snapshot().activitySummary());
        assertEquals(1, refreshed.lastCommand().offset());
    }

    @Test
    void clearRemovesTheSnapshotAndALaterLoadTakesANewOne() {
        kariWithTwoOpenAssignments();
        fixture.command(KARI, MentorDetailEvent.LOAD, T1);

        fixture.command(KARI, MentorDetailEvent.CLEAR, T2);

        MentorDetailDocument cleared = latest(KARI);
        assertEquals(MentorDetailPhase.CLEARED, cleared.phase());
        assertNull(cleared.snapshot());
        assertNull(cleared.loadedAt());
        assertEquals(new AppliedCommand("cmd-2", MentorDetailEvent.CLEAR, CommandStatus.APPLIED, 1, T2),
                cleared.lastCommand());
        assertTrue(cleared.known());
        assertEquals(2, cleared.openAssignmentCount());

        Instant t3 = T2.plusSeconds(300);
        fixture.command(KARI, MentorDetailEvent.LOAD, t3);

        assertEquals(MentorDetailPhase.LOADED, latest(KARI).phase());
        assertEquals(t3, latest(KARI).loadedAt());
    }

    @Test
    void aCommandForAMentorWithoutProfileRecordsUnknownMentor() {
        fixture.assignment("assign_9", "pm-nobody", "Per Olsen", "open", T0);

        String commandId = fixture.command("pm-nobody", MentorDetailEvent.LOAD, T1);

        MentorDetailDocument document = latest("pm-nobody");
        assertFalse(document.known());
        assertEquals(MentorDetailPhase.INITIAL, document.phase());
        assertNull(document.snapshot());
        assertEquals(new AppliedCommand(commandId, MentorDetailEvent.LOAD, CommandStatus.NOT_FOUND, 0, T1),
                document.lastCommand());
    }

    @Test
    void aDeletedProfileMakesTheMentorUnknownAndDropsItsSnapshot() {
        kariWithTwoOpenAssignments();
        fixture.command(KARI, MentorDetailEvent.LOAD, T1);

        fixture.profiles.pipeInput(KARI, null, T2);

        MentorDetailDocument document = latest(KARI);
        assertFalse(document.known());
        assertNull(document.fullName());
        assertEquals(MentorDetailPhase.INITIAL, document.phase());
        assertNull(document.snapshot());
        assertNull(fixture.state(KARI).orElseThrow().snapshot());
    }

    @Test
    void aMentorOfWhomNothingIsLeftIsRemovedFromTheStoresAndTheGlobalStore() {
        fixture.profile(KARI_PROFILE, T0);
        assertTrue(fixture.published(KARI).isPresent());

        fixture.profiles.pipeInput(KARI, null, T1);

        assertEquals(Optional.empty(), fixture.published(KARI));
        assertEquals(Optional.empty(), fixture.view(KARI));
        assertEquals(Optional.empty(), fixture.state(KARI));
        List<TestRecord<String, MentorDetailDocument>> records = fixture.documents.readRecordsToList();
        assertNull(records.get(records.size() - 1).value(), "a tombstone compacts the mentor away");
    }

    @Test
    void aRedeliveredProfilePublishesNothing() {
        fixture.profile(KARI_PROFILE, T0);
        fixture.documents.readRecordsToList();

        fixture.profile(KARI_PROFILE, T1);

        assertTrue(fixture.documents.isEmpty());
    }

    @Test
    void badDetailRecordsAreDeadLetteredAndProcessingGoesOn() {
        fixture.raw(fixture.topics.mentorProfiles()).pipeInput(KARI, "{\"peer_mentor_id\":\"" + KARI
                + "\",\"organisation_id\":\"" + OSLO + "\",\"email\":\"k@example.org\",\"status\":\"active\","
                + "\"is_paused\":false}", T0);
        fixture.profiles.pipeInput("pm-other", KARI_PROFILE, T0);
        fixture.raw(fixture.topics.certifications()).pipeInput(KARI, "{\"peer_mentor_id\":\"" + KARI + "\"}", T0);
        fixture.raw(fixture.topics.assignments()).pipeInput("assign_x", "{\"assignment_id\":\"assign_y\","
                + "\"peer_mentor_id\":\"" + KARI + "\",\"contact_name\":\"Per\",\"status\":\"open\"}", T0);
        fixture.raw(fixture.topics.mentorDetailCommands()).pipeInput(KARI, "{\"command_id\":\"c\","
                + "\"event\":\"ReloadEverything\",\"mentor_id\":\"" + KARI + "\","
                + "\"dispatched_at\":\"2026-03-26T09:00:00Z\"}", T0);
        fixture.raw(fixture.topics.mentorDetailCommands()).pipeInput(KARI, "{\"command_id\":\"c\","
                + "\"event\":\"LoadMentorDetail\",\"mentor_id\":\"pm-other\","
                + "\"dispatched_at\":\"2026-03-26T09:00:00Z\"}", T0);
        fixture.profile(KARI_PROFILE, T1);

        assertEquals(6, fixture.base.deadLetterReasons.size(), fixture.base.deadLetterReasons::toString);
        assertEquals(List.of(
                "processing: missing field full_name",
                "processing: record key 'pm-other' is not the value's peer_mentor_id '" + KARI + "'",
                "processing: missing field expiry_date",
                "processing: record key 'assign_x' is not the value's assignment_id 'assign_y'",
                "processing: record key '" + KARI + "' is not the value's mentor_id 'pm-other'"),
                fixture.base.deadLetterReasons.stream().filter(r -> r.startsWith("processing")).toList());
        assertTrue(fixture.base.deadLetterReasons.get(4).startsWith("deserialization: not a valid MentorDetailCommand"),
                fixture.base.deadLetterReasons.get(4));
        Set<String> deadTopics = fixture.base.deadLetters.readRecordsToList().stream()
                .map(r -> new String(r.headers().lastHeader("__streams.errors.topic").value()))
                .collect(Collectors.toSet());
        assertEquals(Set.of(fixture.topics.mentorProfiles().name(), fixture.topics.certifications().name(),
                fixture.topics.assignments().name(), fixture.topics.mentorDetailCommands().name()), deadTopics);
        assertEquals("Kari Nordmann", latest(KARI).fullName());
        assertEquals(Optional.empty(), fixture.state(KARI));
    }

    @Test
    void theDetailProcessorsRunInTheMentorsSubTopologyAndAssignmentsReachItThroughMentorInputs() {
        Topics topics = Topics.defaults();
        TopologyDescription description = PeerstatsTopology.build(new TopologySettings(topics, ZONES)).describe();

        Set<String> statsNodes = nodesOfSubtopologyWith(description, "apply-activity");
        assertTrue(statsNodes.containsAll(Set.of("merge-mentor-profile", "merge-certification", "merge-assignment",
                "apply-mentor-detail-command", "mentor-details-sink")), statsNodes::toString);
        assertFalse(statsNodes.contains("track-assignment-owner"));
        Set<String> ownerNodes = nodesOfSubtopologyWith(description, "track-assignment-owner");
        String repartitionSink = description.subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .filter(n -> n instanceof TopologyDescription.Sink && ownerNodes.contains(n.name()))
                .map(n -> ((TopologyDescription.Sink) n).topic())
                .findFirst().orElseThrow();
        assertEquals(StoreNames.MENTOR_INPUTS + "-repartition", repartitionSink);
        assertTrue(description.globalStores().stream()
                .anyMatch(g -> g.processor().stores().equals(Set.of(StoreNames.MENTOR_DETAILS_GLOBAL))),
                description.globalStores()::toString);
    }

    private static Set<String> nodesOfSubtopologyWith(TopologyDescription description, String node) {
        return description.subtopologies().stream()
                .map(s -> s.nodes().stream().map(TopologyDescription.Node::name).collect(Collectors.toSet()))
                .filter(names -> names.contains(node))
                .findFirst().orElseThrow();
    }
}
