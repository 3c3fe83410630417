package org.peerstats.gateway.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.gateway.deadletters.DeadLetters.letter;
import static org.peerstats.gateway.deadletters.DeadLetters.refused;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.serde.OutputTooLargeException;
import org.peerstats.streams.topology.DeadLetterHandlers;

/** The reason {@code dead-letters list} gives, from what the dead letter's headers say. */
class RefusalReasonTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final String SERIALIZATION = "org.apache.kafka.common.errors.SerializationException";
    private static final String INVALID = InvalidEventException.class.getName();

    private static String reason(Map<String, String> headers) {
        return RefusalReason.of(letter(3, "{}", headers), TOPICS);
    }

    @Test
    void bytesThatAreNoJsonAreSaidToBeNoJsonForTheTopicsKindOfRecord() {
        assertEquals("the bytes are not valid JSON for an activity: Unexpected character ('n' (code 110)): was "
                        + "expecting double-quote to start field name",
                reason(refused("peerstats.activities", SERIALIZATION, "not a valid ActivityEvent JSON document: "
                        + "Unexpected character ('n' (code 110)): was expecting double-quote to start field name")));
        assertTrue(reason(refused("peerstats.mentor-profiles", SERIALIZATION, "not a valid MentorProfile JSON "
                + "document: x")).startsWith("the bytes are not valid JSON for a mentor profile: "));
    }

    @Test
    void aDeserializationErrorOfAnotherWordingIsGivenAsItIs() {
        assertEquals("the bytes could not be read as a certification: Size of data received is not 8",
                reason(refused("peerstats.certifications", SERIALIZATION, "Size of data received is not 8")));
    }

    @Test
    void aBrokenRuleIsQuotedAsTheValidatorWroteIt() {
        assertEquals("breaks a rule for a training completion: \"missing field module_id\"",
                reason(refused("peerstats.training-completions", INVALID, "missing field module_id")));
    }

    @Test
    void aDurationOverTheBoundNamesTheSettingThatRaisesIt() {
        assertEquals("breaks a rule for an activity: \"duration_minutes 2000 is outside 0..1440\"; the upper bound "
                + "is PEERSTATS_MAX_ACTIVITY_MINUTES",
                reason(refused("peerstats.activities", INVALID, "duration_minutes 2000 is outside 0..1440")));
        assertEquals("breaks a rule for an activity: \"duration_minutes -5 is outside 0..1440\"",
                reason(refused("peerstats.activities", INVALID, "duration_minutes -5 is outside 0..1440")),
                "no setting lets a negative duration through");
    }

    @Test
    void aPerMentorBoundIsSaidToBeRefusedAfterTheIngestStage() {
        assertEquals("breaks a rule for an event in the mentors' task (after the ingest stage): \"pm-1 already names "
                        + "1000 distinct mentees, the limit\"",
                reason(refused("peerstats-mentor-inputs-repartition", INVALID,
                        "pm-1 already names 1000 distinct mentees, the limit")));
    }

    @Test
    void anOutputTooLargeIsSaidToBeAnOutputWithItsSize() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetter.EXCEPTION_HEADER, OutputTooLargeException.class.getName());
        headers.put(DeadLetter.MESSAGE_HEADER, "the value for peerstats.mentor-stats is 1200000 bytes; outputs are "
                + "limited to 1000000 bytes");
        headers.put(DeadLetterHandlers.OUTPUT_TOPIC_HEADER, "peerstats.mentor-stats");
        headers.put(DeadLetterHandlers.OUTPUT_VALUE_SIZE_HEADER, "1200000");

        assertEquals("the output for peerstats.mentor-stats was too large to send (1200000 bytes): the value for "
                + "peerstats.mentor-stats is 1200000 bytes; outputs are limited to 1000000 bytes", reason(headers));
    }

    @Test
    void anotherExceptionIsNamedByItsShortName() {
        assertEquals("IllegalStateException while processing a badge command: boom",
                reason(refused("peerstats.badge-commands", "java.lang.IllegalStateException", "boom")));
        assertEquals("no reason recorded (no __streams.errors.exception header)", reason(Map.of()));
    }

    @Test
    void aReasonIsOneBoundedPrintableLine() {
        String reason = reason(refused("peerstats.activities", INVALID,
                "record key '" + "k\n".repeat(1000) + "' is not the value's peer_mentor_id 'pm-1'"));

        assertEquals(1, reason.lines().count(), reason);
        assertTrue(reason.length() <= Excerpt.LINE_CHARS + 1 && reason.endsWith("…"), reason);
        assertTrue(reason.contains("k\\nk\\n"), reason);
    }
}
