package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.streams.TestEvents.completion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.Topics;
import org.peerstats.streams.serde.OutputTooLargeException;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * An output record larger than the topology may write is dead-lettered by the production
 * exception handler under exactly-once (the serializer refuses it before the producer sees it),
 * and processing goes on: the state keeps the change, other records are written.
 */
class OutputSizeTopologyTest {

    /** Small enough that 30 module ids make a mentor's stats document too large, large enough for one. */
    private static final int LIMIT = 1_000;
    private static final Instant T0 = Instant.parse("2026-03-26T12:00:00Z");

    @TempDir
    Path stateDir;
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(stateDir, new TopologySettings(Topics.defaults(),
                OrganisationZones.of(ZoneId.of("Europe/Oslo")), TopologySettings.DEFAULT_MENTOR_PARTITIONS, LIMIT));
        DeadLetterLogs.mute();
    }

    @AfterEach
    void stop() {
        fixture.close();
        DeadLetterLogs.unmute();
    }

    @Test
    void aTooLargeOutputIsDeadLetteredWithoutItsValueAndProcessingGoesOn() {
        for (int i = 0; i < 30; i++) {
            fixture.send(completion("pm-big", "org-oslo", String.format("module-with-a-long-id-%03d", i),
                    "2026-03-20T10:00:00Z"), T0);
        }
        fixture.send(completion("pm-small", "org-oslo", "module-1", "2026-03-20T10:00:00Z"), T0);

        List<KeyValue<String, MentorStats>> published = fixture.published();
        List<MentorStats> bigDocuments = published.stream().filter(r -> r.key.equals("pm-big")).map(r -> r.value)
                .toList();
        assertTrue(bigDocuments.size() < 30, "the later, larger documents were not written: " + bigDocuments.size());
        assertEquals(List.of(1), published.stream().filter(r -> r.key.equals("pm-small"))
                .map(r -> r.value.trainingCompletionCount()).toList(), "others go on");
        assertEquals(30, fixture.state("pm-big").orElseThrow().modules.size(), "the state keeps every change");

        List<TestRecord<byte[], byte[]>> deadLetters = fixture.deadLetters.readRecordsToList();
        assertEquals(30 - bigDocuments.size(), deadLetters.size());
        TestRecord<byte[], byte[]> first = deadLetters.get(0);
        assertEquals("pm-big", new String(first.key(), StandardCharsets.UTF_8));
        assertNull(first.value(), "the value is left out: it is the part that was too large");
        assertEquals(fixture.topics.mentorStats().name(), TopologyFixture.header(first, "peerstats.output.topic"));
        assertTrue(Integer.parseInt(TopologyFixture.header(first, "peerstats.output.value.size")) > LIMIT);
        assertEquals(OutputTooLargeException.class.getName(), TopologyFixture.header(first, "__streams.errors.exception"));
        assertTrue(fixture.deadLetterReasons.stream().allMatch(reason -> reason.startsWith("production: ")),
                fixture.deadLetterReasons::toString);
    }
}
