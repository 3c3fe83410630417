package org.peerstats.gateway.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Dead letters as the dead-letter topic holds them, for the unit tests. */
final class DeadLetters {

    static final Instant PRODUCED = Instant.parse("2026-03-26T12:00:00Z");

    private DeadLetters() {
    }

    /** A dead letter at 0:{@code offset} with these headers (in order), key {@code pm-1}. */
    static DeadLetter letter(long offset, String value, Map<String, String> headers) {
        Headers kafka = new RecordHeaders();
        headers.forEach((name, text) -> kafka.add(name, text.getBytes(StandardCharsets.UTF_8)));
        return new DeadLetter(new DeadLetterId(0, offset), PRODUCED, "pm-1".getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), kafka);
    }

    /** What Kafka Streams writes for a record of {@code topic} refused with {@code exception}. */
    static Map<String, String> refused(String topic, String exception, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetter.EXCEPTION_HEADER, exception);
        headers.put(DeadLetter.MESSAGE_HEADER, message);
        headers.put(DeadLetter.TOPIC_HEADER, topic);
        headers.put(DeadLetter.PARTITION_HEADER, "2");
        headers.put(DeadLetter.OFFSET_HEADER, "40");
        return headers;
    }
}
