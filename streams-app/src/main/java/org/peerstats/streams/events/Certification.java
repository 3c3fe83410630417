package org.peerstats.streams.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A mentor's certification, the latest per mentor on the compacted {@code certifications} topic
 * (key: {@code peer_mentor_id}). A tombstone deletes it.
 *
 * @param expiryDate the day the certification expires, as the instant of its midnight in UTC
 *                   ({@code 2028-01-20T00:00:00Z}); a bare date {@code 2028-01-20} is read the same way
 */
public record Certification(
        String peerMentorId,
        @JsonDeserialize(using = Certification.ExpiryDateReader.class) Instant expiryDate) {

    /** Reads an ISO-8601 instant, or a bare ISO date as its midnight in UTC. */
    static final class ExpiryDateReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text,
                        "expiry_date must be an ISO-8601 instant or date");
            }
        }
    }
}
