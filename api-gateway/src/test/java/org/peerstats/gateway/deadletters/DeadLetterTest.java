package org.peerstats.gateway.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.gateway.deadletters.DeadLetters.letter;
import static org.peerstats.gateway.deadletters.DeadLetters.refused;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.topology.DeadLetterHandlers;

/** A dead letter read from its headers, and which ones can be sent back. */
class DeadLetterTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final String INVALID = InvalidEventException.class.getName();

    @Test
    void anInputsDeadLetterWithAValueCanBeSentBack() {
        DeadLetter letter = letter(3, "{}", refused("peerstats.activities", INVALID, "missing field op"));

        assertEquals(Optional.empty(), letter.whyNotReplayable(TOPICS));
        assertEquals(Optional.of("peerstats.activities"), letter.originalTopic());
        assertEquals(OptionalInt.of(2), letter.originalPartition());
        assertEquals(40, letter.originalOffset().getAsLong());
    }

    @Test
    void anOutputRecordWithoutItsValueCannotAndSaysWhy() {
        DeadLetter output = letter(4, null, Map.of(DeadLetterHandlers.OUTPUT_TOPIC_HEADER, "peerstats.mentor-stats",
                DeadLetterHandlers.OUTPUT_VALUE_SIZE_HEADER, "1200000"));

        String why = output.whyNotReplayable(TOPICS).orElseThrow();

        assertTrue(why.startsWith("it has no value: it is an output record for peerstats.mentor-stats that was too "
                + "large to send"), why);
        assertTrue(why.endsWith("there is nothing to send back"), why);
    }

    @Test
    void aRecordOfATopicThatIsNoInputCannotAndSaysWhatToDoInstead() {
        assertTrue(letter(5, "{}", refused("peerstats.badge-commands", INVALID, "x")).whyNotReplayable(TOPICS)
                .orElseThrow().endsWith("a command comes through the REST API, with its role check; send the request "
                        + "again"));
        String repartition = letter(6, "\u0001{}", refused("peerstats-mentor-inputs-repartition", INVALID, "x"))
                .whyNotReplayable(TOPICS).orElseThrow();
        assertTrue(repartition.startsWith("its original topic peerstats-mentor-inputs-repartition is not one of "
                + "peerstats' input topics (peerstats.activities, peerstats.training-completions, "
                + "peerstats.mentor-profiles, peerstats.certifications, peerstats.assignments): it was refused by a "
                + "per-mentor bound"), repartition);
        assertEquals(Optional.of("it does not say which topic it came from (no __streams.errors.topic header)"),
                letter(7, "{}", Map.of()).whyNotReplayable(TOPICS));
    }

    @Test
    void theProducersHeadersAreKeptAndTheRefusalsLeftOut() {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("traceparent", "00-abc-01");
        headers.putAll(refused("peerstats.activities", INVALID, "missing field op"));
        headers.put(DeadLetter.REPLAY_OF_HEADER, "0:1");
        headers.put("__streams.errors.stacktrace", "at ...");

        List<String> kept = new ArrayList<>();
        for (Header header : letter(8, "{}", headers).producerHeaders()) {
            kept.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
        }

        assertEquals(List.of("traceparent=00-abc-01"), kept);
    }

    @Test
    void aReplayRefusedAgainNamesTheDeadLetterItWas() {
        Map<String, String> headers = refused("peerstats.activities", INVALID, "missing field op");
        headers.put(DeadLetter.REPLAY_OF_HEADER, "1:17");

        assertEquals(Optional.of(new DeadLetterId(1, 17)), letter(9, "{}", headers).replayOf());
        headers.put(DeadLetter.REPLAY_OF_HEADER, "not ours");
        assertEquals(Optional.empty(), letter(9, "{}", headers).replayOf());
    }

    @Test
    void headersThatAreNoNumbersAreTakenAsMissing() {
        Map<String, String> headers = refused("peerstats.activities", INVALID, "missing field op");
        headers.put(DeadLetter.PARTITION_HEADER, "two");
        headers.put(DeadLetter.OFFSET_HEADER, "-1");

        DeadLetter letter = letter(10, "{}", headers);

        assertEquals(OptionalInt.empty(), letter.originalPartition());
        assertTrue(letter.originalOffset().isEmpty());
        assertEquals("from peerstats.activities (no partition or offset recorded)", DeadLetterReport.origin(letter));
    }

    @Test
    void idsAreReadAsPartitionColonOffsetEachOnce() {
        assertEquals(List.of(new DeadLetterId(0, 12), new DeadLetterId(3, 4)), DeadLetterId.parseList("0:12, 3:4,0:12"));
        assertEquals("0:12", new DeadLetterId(0, 12).toString());
        assertEquals("'0-12' is not PARTITION:OFFSET (e.g. 0:12)",
                assertThrows(IllegalArgumentException.class, () -> DeadLetterId.parse("0-12")).getMessage());
        assertEquals("'a:b' is not PARTITION:OFFSET (e.g. 0:12)",
                assertThrows(IllegalArgumentException.class, () -> DeadLetterId.parse("a:b")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeadLetterId.parse("0:-3"));
        assertEquals("no PARTITION:OFFSET given",
                assertThrows(IllegalArgumentException.class, () -> DeadLetterId.parseList(" , ")).getMessage());
    }

    @Test
    void theReportSaysWhereFromWhenWhyWhatAndWhetherItCanBeSentBack() {
        DeadLetter letter = letter(11, "{\"op\":\"upsert\",\"duration_minutes\":2000}",
                refused("peerstats.activities", INVALID, "duration_minutes 2000 is outside 0..1440"));

        assertEquals(List.of(
                "0:11  from peerstats.activities 2:40  2026-03-26T12:00:00Z  key pm-1",
                "  why:    breaks a rule for an activity: \"duration_minutes 2000 is outside 0..1440\"; the upper "
                        + "bound is PEERSTATS_MAX_ACTIVITY_MINUTES",
                "  value:  {\"op\":\"upsert\",\"duration_minutes\":2000} (39 bytes)",
                "  replay: can be sent back"), DeadLetterReport.lines(letter, TOPICS, Optional.empty()));
        assertEquals("  replay: done, sent back to peerstats.activities-2@41 at 2026-03-26T13:00:00Z",
                DeadLetterReport.lines(letter, TOPICS, Optional.of("sent back to peerstats.activities-2@41 at "
                        + "2026-03-26T13:00:00Z")).get(3));
    }
}
