package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.detail.AssignmentChange;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorDetailCommand;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;

class MentorInputSerdeTest {

    private static final Instant T = Instant.parse("2026-03-26T12:00:00Z");
    private static final MentorInputSerde SERDE = MentorInputSerde.INSTANCE;

    @Test
    void everyVariantThatCrossesTheTopicComesBackEqual() {
        List<MentorInput> inputs = List.of(
                new MentorInput.Activity(new ActivityEvent(EventOp.UPSERT, "a1", "pm-1", "org", ActivityType.SESSION,
                        "me-1", T, 30)),
                new MentorInput.TrainingCompletion(new TrainingCompletionEvent("pm-1", "org", "mod-1", T,
                        EventOp.UPSERT)),
                new MentorInput.Profile(new MentorProfile("pm-1", "org", "Kari", "k@example.org", "active", false)),
                new MentorInput.Profile(null),
                new MentorInput.CertificationChange(new Certification("pm-1", T)),
                new MentorInput.CertificationChange(null),
                new MentorInput.Assignment(AssignmentChange.removal("as-1")),
                new MentorInput.BadgeCommandReceived(BadgeCommand.award("c1", "bdg-1", "admin", "well done", T)),
                new MentorInput.DetailCommand(new MentorDetailCommand("c2", MentorDetailEvent.LOAD, "pm-1", T), 42L),
                new MentorInput.ClockTick(ClockTick.reminder(ZoneId.of("America/Santiago"), LocalDate.of(2026, 9, 6))));
        for (MentorInput input : inputs) {
            assertEquals(input, SERDE.deserialize("t", SERDE.serialize("t", input)), input.toString());
        }
    }

    @Test
    void theFirstByteNamesTheVariantAndTheRestIsItsJson() {
        byte[] bytes = SERDE.serialize("t", new MentorInput.Profile(null));
        assertEquals(2, bytes[0]);
        assertArrayEquals("{\"profile\":null}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
    }

    @Test
    void aTombstoneStaysNullAndBadBytesAreASerializationError() {
        assertNull(SERDE.serialize("t", null));
        assertNull(SERDE.deserialize("t", null));
        assertThrows(SerializationException.class, () -> SERDE.deserialize("t", new byte[] {99, '{', '}'}));
        assertThrows(SerializationException.class, () -> SERDE.deserialize("t", new byte[] {0}));
        assertThrows(SerializationException.class,
                () -> SERDE.serialize("t", new MentorInput.DefinitionChanged(null, null)));
    }
}
