package org.peerstats.streams.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.Topics;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.detail.MentorDetailPhase;
import org.peerstats.streams.detail.MentorDetailSnapshot;
import org.peerstats.streams.detail.MentorView;
import org.peerstats.streams.detail.OpenAssignment;
import org.peerstats.streams.serde.JsonSerde;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStateCodec;

/**
 * The largest record a mentor can reach with every bound of {@link Limits} filled, every
 * character the widest the encodings know (three bytes in UTF-8 and in modified UTF-8; control
 * characters, six bytes as a JSON escape, are refused in ids and names), stays far below the
 * broker's default limit of 1 MiB:
 * changelog and output records cannot be dead-lettered, so the bounds must keep them small.
 */
class RecordSizeBoundsTest {

    /** What "far below" means here: half the broker's default {@code max.message.bytes}. */
    private static final int BUDGET = 512 * 1024;

    private static String widest(int length) {
        return "\u20ac".repeat(length);
    }


    @Test
    void aMentorsStatsStateAtEveryBoundFitsTheBudget() {
        MentorState state = new MentorState();
        state.organisationId = widest(Limits.MAX_ID_LENGTH);
        for (int i = 0; i < Limits.MAX_DISTINCT_MENTEES; i++) {
            state.mentees.put(String.format("%04d", i) + widest(Limits.MAX_ID_LENGTH - 4), Integer.MAX_VALUE);
        }
        for (int i = 0; i < Limits.MAX_MODULES; i++) {
            state.modules.put(String.format("%04d", i) + widest(Limits.MAX_ID_LENGTH - 4), Instant.now());
        }
        // Every other day from 2000 to 2100: the most streak runs the dates allow.
        LocalDate end = LocalDate.ofInstant(Limits.LATEST_EVENT_TIME, java.time.ZoneOffset.UTC);
        for (LocalDate day = LocalDate.of(2000, 1, 1); day.isBefore(end); day = day.plusDays(2)) {
            state.activeDays.addDay(day);
        }
        int size = MentorStateCodec.encode(state).length;
        assertTrue(size < BUDGET, "mentor state at every bound: " + size + " bytes");
        assertTrue(size > 300_000, "the test fills the bounds: " + size + " bytes");
    }

    @Test
    void aMentorDetailAtEveryBoundFitsTheBudget() {
        TreeMap<String, OpenAssignment> assignments = new TreeMap<>();
        for (int i = 0; i < Limits.MAX_OPEN_ASSIGNMENTS; i++) {
            String id = String.format("%04d", i) + widest(Limits.MAX_ID_LENGTH - 4);
            assignments.put(id, new OpenAssignment(id, widest(Limits.MAX_NAME_LENGTH),
                    widest(Limits.MAX_STATUS_LENGTH)));
        }
        MentorProfile profile = new MentorProfile(widest(Limits.MAX_ID_LENGTH), widest(Limits.MAX_ID_LENGTH),
                widest(Limits.MAX_NAME_LENGTH), widest(Limits.MAX_EMAIL_LENGTH),
                widest(Limits.MAX_STATUS_LENGTH), false);
        MentorView view = new MentorView(profile, Instant.now(), assignments);
        MentorDetailSnapshot snapshot = new MentorDetailSnapshot(profile, Instant.now(), null,
                List.copyOf(assignments.values()));
        MentorDetailDocument document = new MentorDetailDocument(profile.peerMentorId(), true, profile.organisationId(),
                profile.fullName(), profile.status(), false, Instant.now(), assignments.size(), MentorDetailPhase.LOADED,
                snapshot, Instant.now(), Instant.now(), null);

        int viewSize = JsonSerde.of(MentorView.class).serializer().serialize("", view).length;
        int documentSize = Topics.defaults().mentorDetails().valueSerde().serializer().serialize("", document).length;
        assertTrue(viewSize < BUDGET, "mentor-detail view at every bound: " + viewSize + " bytes");
        assertTrue(documentSize < BUDGET, "mentor-detail document at every bound: " + documentSize + " bytes");
        assertTrue(documentSize > 200_000, "the test fills the bounds: " + documentSize + " bytes");
    }
}
