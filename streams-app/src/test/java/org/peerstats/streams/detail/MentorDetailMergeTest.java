package org.peerstats.streams.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.CommandStatus;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.MentorProfile;

class MentorDetailMergeTest {

    private static final String KARI_ID = "pm-kari-001";
    private static final MentorProfile KARI = new MentorProfile(KARI_ID, "org-nhf-oslo", "Kari Nordmann",
            "kari.nordmann@frivillig.no", "active", false);
    private static final Instant EXPIRY = Instant.parse("2028-01-20T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-26T09:00:00Z");

    private static AssignmentChange assignment(String id, String contact, String status) {
        return AssignmentChange.upsert(new Assignment(id, KARI_ID, contact, status));
    }

    @Test
    void openAssignmentsAreKeptInIdOrderAndAClosedOneIsDropped() {
        MentorView view = MentorView.EMPTY
                .with(assignment("b-2", "Liv Svendsen", "open"))
                .with(assignment("a-1", "Per Olsen", "open"))
                .with(assignment("c-3", "Ola Hansen", "closed"));

        assertEquals(List.of(new OpenAssignment("a-1", "Per Olsen", "open"),
                new OpenAssignment("b-2", "Liv Svendsen", "open")), view.openAssignmentList());

        MentorView afterClose = view.with(assignment("a-1", "Per Olsen", "closed"));
        assertEquals(List.of(new OpenAssignment("b-2", "Liv Svendsen", "open")), afterClose.openAssignmentList());
    }

    @Test
    void anUpdatedOpenAssignmentReplacesTheEarlierVersionAndARemovalDropsIt() {
        MentorView view = MentorView.EMPTY.with(assignment("a-1", "Per Olsen", "open"))
                .with(assignment("a-1", "Per Ivar Olsen", "open"));
        assertEquals(List.of(new OpenAssignment("a-1", "Per Ivar Olsen", "open")), view.openAssignmentList());

        assertTrue(view.with(AssignmentChange.removal("a-1")).openAssignments().isEmpty());
    }

    @Test
    void aMentorIsKnownOnlyWithAProfile() {
        assertFalse(MentorView.EMPTY.withCertificationExpiry(EXPIRY).known());
        assertTrue(MentorView.EMPTY.withProfile(KARI).known());
    }

    @Test
    void deletingTheProfileMakesTheMentorUnknownAndDropsItsSnapshot() {
        MentorDetail loaded = MentorDetail.NONE.withProfile(KARI).withCertificationExpiry(EXPIRY)
                .apply(new MentorDetailStateMachine.Command("c1", MentorDetailEvent.LOAD, 0, T1),
                        view -> new ActivitySummary(1, 2, "month"));
        assertEquals(MentorDetailPhase.LOADED, loaded.state().phase());

        MentorDetail deleted = loaded.withProfile(null);

        assertFalse(deleted.view().known());
        assertEquals(EXPIRY, deleted.view().certificationExpiry());
        assertEquals(MentorDetailPhase.INITIAL, deleted.state().phase());
        assertNull(deleted.state().snapshot());
        MentorDetailDocument document = deleted.document(KARI_ID);
        assertFalse(document.known());
        assertNull(document.organisationId());
        assertNull(document.snapshot());
    }

    @Test
    void nothingIsHeldOnceEveryPartIsGoneAndNoCommandWasEverApplied() {
        MentorDetail some = MentorDetail.NONE.withProfile(KARI).with(assignment("a-1", "Per Olsen", "open"));
        assertFalse(some.holdsNothing());

        assertTrue(some.withProfile(null).with(AssignmentChange.removal("a-1")).holdsNothing());
    }

    @Test
    void theDocumentCarriesTheLiveFieldsTheStateAndTheLastCommand() {
        MentorDetail detail = MentorDetail.NONE.withProfile(KARI).withCertificationExpiry(EXPIRY)
                .with(assignment("a-1", "Per Olsen", "open")).with(assignment("b-2", "Liv Svendsen", "open"))
                .apply(new MentorDetailStateMachine.Command("c1", MentorDetailEvent.LOAD, 7, T1),
                        view -> new ActivitySummary(8, 12, "month"))
                .with(assignment("b-2", "Liv Svendsen", "closed"));

        MentorDetailDocument document = detail.document(KARI_ID);

        assertEquals(new MentorDetailDocument(KARI_ID, true, "org-nhf-oslo", "Kari Nordmann", "active", false,
                EXPIRY, 1, MentorDetailPhase.LOADED, detail.state().snapshot(), T1, null,
                new AppliedCommand("c1", MentorDetailEvent.LOAD, CommandStatus.APPLIED, 7, T1)), document);
        assertEquals(2, document.snapshot().activeAssignments().size(), "the snapshot is as of the load");
        assertTrue(document.hasApplied(7));
        assertFalse(document.hasApplied(8));
    }
}
