package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.streams.TestEvents.completion;
import static org.peerstats.streams.TestEvents.json;
import static org.peerstats.streams.TestEvents.session;
import static org.peerstats.streams.topology.TopologyFixture.header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.stats.MentorStats;

/**
 * Every kind of bad input of DESIGN.md section 4 goes to {@code dead-letter} with its original
 * bytes and the error headers, is reported to the listener, and the next good record is processed.
 */
class DeadLetterTopologyTest extends TopologyTestSupport {

    /** Two good activities first, so the bad record is at offset 2 of {@code activities}. */
    private void twoGoodActivities() {
        fixture.send(session(KARI, ORG, "a1", "m1", "2026-03-20T10:00:00Z", 30), LOGGED);
        fixture.send(session(KARI, ORG, "a2", "m2", "2026-03-21T10:00:00Z", 30), LOGGED);
        fixture.published();
    }

    private void theNextGoodActivityIsStillCounted(long expectedCount) {
        fixture.send(session(KARI, ORG, "a-next", "m9", "2026-03-22T10:00:00Z", 15), LOGGED.plusSeconds(60));
        List<org.apache.kafka.streams.KeyValue<String, MentorStats>> published = fixture.published();
        assertEquals(1, published.size());
        assertEquals(expectedCount, published.get(0).value.activityCount());
    }

    private void assertProcessingDeadLetter(String key, String originalValue, String topic, long offset,
            String reason) {
        TestRecord<byte[], byte[]> dead = fixture.deadLetter();
        assertArrayEquals(key.getBytes(StandardCharsets.UTF_8), dead.key());
        if (originalValue == null) {
            assertNull(dead.value());
        } else {
            assertArrayEquals(originalValue.getBytes(StandardCharsets.UTF_8), dead.value());
        }
        assertEquals(topic, header(dead, "__streams.errors.topic"));
        assertEquals("0", header(dead, "__streams.errors.partition"));
        assertEquals(Long.toString(offset), header(dead, "__streams.errors.offset"));
        assertEquals(reason, header(dead, "__streams.errors.message"));
        assertEquals(InvalidEventException.class.getName(), header(dead, "__streams.errors.exception"));
        assertTrue(fixture.deadLetters.isEmpty(), "exactly one dead letter");
        assertEquals(List.of("processing: " + reason), fixture.deadLetterReasons);
    }

    private String activities() {
        return fixture.topics.activities().name();
    }

    private String trainingCompletions() {
        return fixture.topics.trainingCompletions().name();
    }

    @Test
    void activityWithAMissingFieldIsDeadLetteredWithItsOriginalBytes() {
        twoGoodActivities();
        String bad = "{\"op\":\"upsert\",\"activity_id\":\"x\",\"peer_mentor_id\":\"" + KARI + "\","
                + "\"organisation_id\":\"" + ORG + "\",\"type\":\"session\",\"duration_minutes\":30}";

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, activities(), 2, "missing field occurred_at");
        assertTrue(fixture.mentorStats.isEmpty());
        theNextGoodActivityIsStillCounted(3);
    }

    @Test
    void activityWithoutActivityIdIsDeadLettered() {
        String bad = "{\"op\":\"upsert\",\"peer_mentor_id\":\"" + KARI + "\",\"organisation_id\":\"" + ORG
                + "\",\"type\":\"group\",\"occurred_at\":\"2026-03-20T10:00:00Z\",\"duration_minutes\":30}";

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, activities(), 0, "missing field activity_id");
        theNextGoodActivityIsStillCounted(1);
    }

    @Test
    void activityWhoseKeyIsNotItsPeerMentorIdIsDeadLetteredUnderTheOriginalKey() {
        twoGoodActivities();
        String bad = json(session("pm-someone-else", ORG, "x", "m1", "2026-03-20T10:00:00Z", 30));

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, activities(), 2,
                "record key 'pm-kari-001' is not the value's peer_mentor_id 'pm-someone-else'");
        assertTrue(fixture.state("pm-someone-else").isEmpty());
        theNextGoodActivityIsStillCounted(3);
    }

    @Test
    void activityWithoutARecordKeyIsDeadLetteredWithANullKey() {
        twoGoodActivities();
        String bad = json(session(KARI, ORG, "x", "m1", "2026-03-20T10:00:00Z", 30));

        fixture.rawActivities.pipeInput((String) null, bad, LOGGED);

        TestRecord<byte[], byte[]> dead = fixture.deadLetter();
        assertNull(dead.key());
        assertArrayEquals(bad.getBytes(StandardCharsets.UTF_8), dead.value());
        assertEquals("2", header(dead, "__streams.errors.offset"));
        assertEquals("record key 'null' is not the value's peer_mentor_id 'pm-kari-001'",
                header(dead, "__streams.errors.message"));
        theNextGoodActivityIsStillCounted(3);
    }

    @Test
    void negativeDurationIsDeadLettered() {
        twoGoodActivities();
        String bad = json(session(KARI, ORG, "x", "m1", "2026-03-20T10:00:00Z", -1));

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, activities(), 2, "duration_minutes -1 is outside 0..1440");
        theNextGoodActivityIsStillCounted(3);
    }

    @Test
    void durationOfOneMinuteMoreThanADayIsDeadLettered() {
        twoGoodActivities();
        String bad = json(session(KARI, ORG, "x", "m1", "2026-03-20T10:00:00Z", 1441));

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, activities(), 2, "duration_minutes 1441 is outside 0..1440");
        theNextGoodActivityIsStillCounted(3);
    }

    @Test
    void durationsOfZeroAndOfAWholeDayAreCounted() {
        fixture.send(session(KARI, ORG, "a0", null, "2026-03-20T10:00:00Z", 0), LOGGED);
        fixture.send(session(KARI, ORG, "a1440", null, "2026-03-21T10:00:00Z", 1440), LOGGED);

        assertTrue(fixture.deadLetters.isEmpty());
        assertEquals(List.of(), fixture.deadLetterReasons);
        MentorStats stats = fixture.latestPublished().get(KARI);
        assertEquals(2, stats.activityCount());
        assertEquals(1440, stats.totalMinutes());
        assertEquals(24.0, stats.totalHoursMentored());
    }

    @Test
    void activityMoreThanADayAfterItsRecordTimestampIsDeadLettered() {
        twoGoodActivities();
        String bad = json(session(KARI, ORG, "x", "m1", "2026-03-27T12:00:01Z", 30));

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, activities(), 2, "occurred_at 2026-03-27T12:00:01Z is more than 24 h "
                + "after the record's timestamp 2026-03-26T12:00:00Z");
        theNextGoodActivityIsStillCounted(3);
    }

    @Test
    void activityExactlyADayAfterItsRecordTimestampIsCounted() {
        fixture.send(session(KARI, ORG, "a1", "m1", "2026-03-27T12:00:00Z", 30), LOGGED);

        assertTrue(fixture.deadLetters.isEmpty());
        assertEquals(1, fixture.latestPublished().get(KARI).activityCount());
    }

    @Test
    void theFutureLimitIsMeasuredFromTheRecordTimestampNotTheWallClock() {
        // Far in the past by the wall clock and a day ahead of its own record: still rejected.
        Instant oldRecord = Instant.parse("2001-01-01T00:00:00Z");
        String bad = json(session(KARI, ORG, "x", "m1", "2001-01-02T00:00:01Z", 30));

        fixture.rawActivities.pipeInput(KARI, bad, oldRecord);

        assertProcessingDeadLetter(KARI, bad, activities(), 0, "occurred_at 2001-01-02T00:00:01Z is more than 24 h "
                + "after the record's timestamp 2001-01-01T00:00:00Z");
    }

    @Test
    void activityOfAnUnknownTypeIsRejectedByTheDeserializationHandlerAndProcessingGoesOn() {
        // TopologyTestDriver 4.3.1 calls the deserialization handler but does not capture its
        // dead-letter record; the handler's reason is what can be asserted here.
        twoGoodActivities();
        String bad = "{\"op\":\"upsert\",\"activity_id\":\"x\",\"peer_mentor_id\":\"" + KARI + "\","
                + "\"organisation_id\":\"" + ORG + "\",\"type\":\"meeting\","
                + "\"occurred_at\":\"2026-03-20T10:00:00Z\",\"duration_minutes\":30}";

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);

        assertEquals(1, fixture.deadLetterReasons.size());
        String reason = fixture.deadLetterReasons.get(0);
        assertTrue(reason.startsWith("deserialization: not a valid ActivityEvent JSON document: "), reason);
        assertTrue(reason.contains("\"meeting\""), reason);
        assertTrue(fixture.mentorStats.isEmpty());
        theNextGoodActivityIsStillCounted(3);
    }

    @Test
    void activityWithAnUnknownOpIsRejectedByTheDeserializationHandler() {
        String bad = "{\"op\":\"merge\",\"activity_id\":\"x\",\"peer_mentor_id\":\"" + KARI + "\"}";

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED);

        assertEquals(1, fixture.deadLetterReasons.size());
        String reason = fixture.deadLetterReasons.get(0);
        assertTrue(reason.startsWith("deserialization: not a valid ActivityEvent JSON document: "), reason);
        assertTrue(reason.contains("\"merge\""), reason);
        theNextGoodActivityIsStillCounted(1);
    }

    @Test
    void nullActivityValueIsDeadLetteredAsANullValue() {
        twoGoodActivities();

        fixture.rawActivities.pipeInput(KARI, null, LOGGED);

        assertProcessingDeadLetter(KARI, null, activities(), 2, "missing field activity event");
        theNextGoodActivityIsStillCounted(3);
    }

    @Test
    void invalidCorrectionOfACountedActivityLeavesTheCountedVersion() {
        twoGoodActivities();
        String bad = json(session(KARI, ORG, "a1", "m1", "2026-03-20T10:00:00Z", 5000));

        fixture.rawActivities.pipeInput(KARI, bad, LOGGED.plusSeconds(1));

        assertProcessingDeadLetter(KARI, bad, activities(), 2, "duration_minutes 5000 is outside 0..1440");
        assertEquals(60, fixture.state(KARI).orElseThrow().totalMinutes);
        assertEquals(LOGGED, fixture.state(KARI).orElseThrow().computedAt);
    }

    @Test
    void eachBadRecordInARowIsDeadLetteredWithItsOwnOffset() {
        fixture.rawActivities.pipeInput(KARI, json(session(KARI, ORG, "x1", null, "2026-03-20T10:00:00Z", -5)), LOGGED);
        fixture.rawActivities.pipeInput(KARI, "{broken", LOGGED);
        fixture.rawActivities.pipeInput("pm-x", json(session(KARI, ORG, "x3", null, "2026-03-20T10:00:00Z", 5)), LOGGED);
        fixture.send(session(KARI, ORG, "a1", null, "2026-03-20T10:00:00Z", 5), LOGGED);

        TestRecord<byte[], byte[]> first = fixture.deadLetter();
        TestRecord<byte[], byte[]> third = fixture.deadLetter();
        assertEquals("0", header(first, "__streams.errors.offset"));
        assertEquals("2", header(third, "__streams.errors.offset"));
        assertEquals("pm-x", new String(third.key(), StandardCharsets.UTF_8));
        assertEquals(3, fixture.deadLetterReasons.size());
        assertTrue(fixture.deadLetterReasons.get(1).startsWith("deserialization: "));
        assertEquals(1, fixture.latestPublished().get(KARI).activityCount());
    }

    @Test
    void theOriginalHeadersTravelWithTheDeadLetter() {
        String bad = json(session(KARI, ORG, "x", null, "2026-03-20T10:00:00Z", -1));
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc-123".getBytes(StandardCharsets.UTF_8));

        fixture.rawActivities.pipeInput(new TestRecord<>(KARI, bad, headers, LOGGED));

        TestRecord<byte[], byte[]> dead = fixture.deadLetter();
        assertEquals("abc-123", header(dead, "trace-id"));
        assertEquals("duration_minutes -1 is outside 0..1440", header(dead, "__streams.errors.message"));
    }

    // ---- training completions ---------------------------------------------------------------

    @Test
    void trainingCompletionWithoutModuleIdIsDeadLettered() {
        String bad = "{\"peer_mentor_id\":\"" + KARI + "\",\"organisation_id\":\"" + ORG + "\","
                + "\"completed_at\":\"2026-03-20T10:00:00Z\",\"op\":\"upsert\"}";

        fixture.rawTrainingCompletions.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, trainingCompletions(), 0, "missing field module_id");
        fixture.send(completion(KARI, ORG, "module-1", "2026-03-20T10:00:00Z"), LOGGED);
        assertEquals(List.of("module-1"), fixture.latestPublished().get(KARI).completedModuleIds());
    }

    @Test
    void trainingCompletionWhoseKeyIsNotItsPeerMentorIdIsDeadLettered() {
        fixture.send(completion(KARI, ORG, "module-1", "2026-03-20T10:00:00Z"), LOGGED);
        fixture.published();
        String bad = json(completion("pm-other", ORG, "module-2", "2026-03-20T10:00:00Z"));

        fixture.rawTrainingCompletions.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, trainingCompletions(), 1,
                "record key 'pm-kari-001' is not the value's peer_mentor_id 'pm-other'");
        assertTrue(fixture.state("pm-other").isEmpty());
        fixture.send(completion(KARI, ORG, "module-3", "2026-03-20T10:00:00Z"), LOGGED);
        assertEquals(List.of("module-1", "module-3"), fixture.latestPublished().get(KARI).completedModuleIds());
    }

    @Test
    void trainingCompletionMoreThanADayAfterItsRecordTimestampIsDeadLettered() {
        String bad = json(completion(KARI, ORG, "module-1", "2026-03-27T12:00:01Z"));

        fixture.rawTrainingCompletions.pipeInput(KARI, bad, LOGGED);

        assertProcessingDeadLetter(KARI, bad, trainingCompletions(), 0, "completed_at 2026-03-27T12:00:01Z is more "
                + "than 24 h after the record's timestamp 2026-03-26T12:00:00Z");
        assertTrue(fixture.state(KARI).isEmpty());
    }

    @Test
    void nullTrainingCompletionValueIsDeadLettered() {
        fixture.rawTrainingCompletions.pipeInput(KARI, null, LOGGED);

        assertProcessingDeadLetter(KARI, null, trainingCompletions(), 0, "missing field training completion event");
        fixture.send(completion(KARI, ORG, "module-1", "2026-03-20T10:00:00Z"), LOGGED);
        assertEquals(1, fixture.latestPublished().get(KARI).trainingCompletionCount());
    }

    @Test
    void unparsableTrainingCompletionIsRejectedByTheDeserializationHandler() {
        fixture.rawTrainingCompletions.pipeInput(KARI, "[1,2,3]", LOGGED);

        assertEquals(1, fixture.deadLetterReasons.size());
        assertTrue(fixture.deadLetterReasons.get(0)
                .startsWith("deserialization: not a valid TrainingCompletionEvent JSON document: "),
                fixture.deadLetterReasons.get(0));
        fixture.send(completion(KARI, ORG, "module-1", "2026-03-20T10:00:00Z"), LOGGED);
        assertEquals(1, fixture.latestPublished().get(KARI).trainingCompletionCount());
    }
}
