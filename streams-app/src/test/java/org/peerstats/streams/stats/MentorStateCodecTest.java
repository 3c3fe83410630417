package org.peerstats.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MentorStateCodecTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void aFullStateSurvivesTheRoundTripFieldForField() {
        MentorState state = new MentorState();
        state.organisationId = "org-nhf-oslo";
        state.activityCount = 63;
        state.sessionCount = 37;
        state.totalMinutes = 4125;
        state.mentees.put("mentee-1", 3);
        state.mentees.put("mentee-ø-2", 1);
        state.modules.put("mod-intro-001", Instant.parse("2026-01-10T18:00:00Z"));
        state.modules.put("mod-self-care-007", Instant.parse("2026-02-11T18:00:00.123456789Z"));
        for (String day : new String[] {"2026-03-01", "2026-03-02", "2026-03-05"}) {
            state.activeDays.addDay(LocalDate.parse(day));
        }
        state.lastActiveAt = Instant.parse("2026-03-05T17:20:00Z");
        state.computedAt = Instant.parse("2026-03-06T08:00:00.5Z");

        MentorState back = MentorStateCodec.decode(MentorStateCodec.encode(state));

        assertEquals(state.organisationId, back.organisationId);
        assertEquals(63, back.activityCount);
        assertEquals(37, back.sessionCount);
        assertEquals(4125, back.totalMinutes);
        assertEquals(state.mentees, back.mentees);
        assertEquals(state.modules, back.modules);
        assertEquals(state.activeDays, back.activeDays);
        assertEquals(state.lastActiveAt, back.lastActiveAt);
        assertEquals(state.computedAt, back.computedAt);
        Instant asOf = Instant.parse("2026-03-06T12:00:00Z");
        assertEquals(state.toStats("pm-kari-001", asOf, OSLO), back.toStats("pm-kari-001", asOf, OSLO));
    }

    @Test
    void anEmptyStateKeepsItsNulls() {
        MentorState back = MentorStateCodec.decode(MentorStateCodec.encode(new MentorState()));

        assertNull(back.organisationId);
        assertNull(back.lastActiveAt);
        assertNull(back.computedAt);
        assertTrue(back.mentees.isEmpty());
        assertTrue(back.modules.isEmpty());
        assertTrue(back.activeDays.isEmpty());
    }

    @Test
    void bytesOfAnotherVersionOrTruncatedAreRejected() {
        byte[] bytes = MentorStateCodec.encode(new MentorState());
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 9;

        assertEquals("unknown mentor state version 9",
                assertThrows(IllegalArgumentException.class, () -> MentorStateCodec.decode(otherVersion)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MentorStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)));
    }
}
