package org.peerstats.streams.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.CommandStatus;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.MentorProfile;

class MentorDetailStateMachineTest {

    private static final MentorProfile KARI = new MentorProfile("pm-kari-001", "org-nhf-oslo", "Kari Nordmann",
            "kari.nordmann@frivillig.no", "active", false);
    private static final Instant EXPIRY = Instant.parse("2028-01-20T00:00:00Z");
    private static final MentorView VIEW = MentorView.EMPTY.withProfile(KARI).withCertificationExpiry(EXPIRY)
            .with(AssignmentChange.upsert(new Assignment("assign_001aa", "pm-kari-001", "Per Olsen", "open")));
    private static final ActivitySummary MARCH = new ActivitySummary(8, 12, "month");
    private static final Instant T1 = Instant.parse("2026-03-26T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-26T10:05:00Z");

    private static MentorDetailStateMachine.Command command(MentorDetailEvent event, long offset, Instant at) {
        return new MentorDetailStateMachine.Command("cmd-" + offset, event, offset, at);
    }

    private static MentorDetailState load(Instant at) {
        return MentorDetailStateMachine.apply(MentorDetailState.INITIAL, command(MentorDetailEvent.LOAD, 0, at), VIEW,
                () -> MARCH);
    }

    @Test
    void dispatchedEventsReportLoadingRefreshingAndCleared() {
        assertEquals(MentorDetailPhase.LOADING, MentorDetailStateMachine.dispatchedPhase(MentorDetailEvent.LOAD));
        assertEquals(MentorDetailPhase.REFRESHING, MentorDetailStateMachine.dispatchedPhase(MentorDetailEvent.REFRESH));
        assertEquals(MentorDetailPhase.CLEARED, MentorDetailStateMachine.dispatchedPhase(MentorDetailEvent.CLEAR));
    }

    @Test
    void loadGoesThroughLoadingToLoadedWithASnapshotTakenAtTheCommandTime() {
        MentorDetailState loading = MentorDetailStateMachine.dispatch(MentorDetailState.INITIAL, MentorDetailEvent.LOAD);
        assertEquals(MentorDetailPhase.LOADING, loading.phase());
        assertNull(loading.snapshot());

        MentorDetailState loaded = load(T1);

        assertEquals(MentorDetailPhase.LOADED, loaded.phase());
        assertEquals(T1, loaded.loadedAt());
        assertNull(loaded.previousLoadedAt());
        assertEquals(new MentorDetailSnapshot(KARI, EXPIRY, MARCH,
                List.of(new OpenAssignment("assign_001aa", "Per Olsen", "open"))), loaded.snapshot());
        assertEquals(new AppliedCommand("cmd-0", MentorDetailEvent.LOAD, CommandStatus.APPLIED, 0, T1),
                loaded.lastCommand());
    }

    @Test
    void refreshGoesThroughRefreshingKeepingTheLoadedAtItReplacesAsPreviousLoadedAt() {
        MentorDetailState loaded = load(T1);
        MentorDetailState refreshing = MentorDetailStateMachine.dispatch(loaded, MentorDetailEvent.REFRESH);
        assertEquals(MentorDetailPhase.REFRESHING, refreshing.phase());
        assertEquals(T1, refreshing.previousLoadedAt());

        MentorView closed = VIEW.with(AssignmentChange.upsert(
                new Assignment("assign_001aa", "pm-kari-001", "Per Olsen", "closed")));
        ActivitySummary later = new ActivitySummary(9, 13, "month");
        MentorDetailState refreshed = MentorDetailStateMachine.apply(loaded,
                command(MentorDetailEvent.REFRESH, 1, T2), closed, () -> later);

        assertEquals(MentorDetailPhase.LOADED, refreshed.phase());
        assertEquals(T2, refreshed.loadedAt());
        assertEquals(T1, refreshed.previousLoadedAt());
        assertEquals(new MentorDetailSnapshot(KARI, EXPIRY, later, List.of()), refreshed.snapshot());
    }

    @Test
    void refreshWithoutAnEarlierLoadLoadsWithNoPreviousLoadedAt() {
        MentorDetailState refreshed = MentorDetailStateMachine.apply(MentorDetailState.INITIAL,
                command(MentorDetailEvent.REFRESH, 0, T2), VIEW, () -> MARCH);

        assertEquals(MentorDetailPhase.LOADED, refreshed.phase());
        assertEquals(T2, refreshed.loadedAt());
        assertNull(refreshed.previousLoadedAt());
    }

    @Test
    void loadAfterRefreshStartsAfreshWithoutPreviousLoadedAt() {
        MentorDetailState refreshed = MentorDetailStateMachine.apply(load(T1),
                command(MentorDetailEvent.REFRESH, 1, T2), VIEW, () -> MARCH);
        Instant t3 = T2.plusSeconds(60);

        MentorDetailState reloaded = MentorDetailStateMachine.apply(refreshed, command(MentorDetailEvent.LOAD, 2, t3),
                VIEW, () -> MARCH);

        assertEquals(t3, reloaded.loadedAt());
        assertNull(reloaded.previousLoadedAt());
    }

    @Test
    void clearRemovesTheSnapshotAndItsTimesWithoutReadingActivity() {
        AtomicInteger reads = new AtomicInteger();
        Supplier<ActivitySummary> counting = () -> {
            reads.incrementAndGet();
            return MARCH;
        };

        MentorDetailState cleared = MentorDetailStateMachine.apply(load(T1), command(MentorDetailEvent.CLEAR, 1, T2),
                VIEW, counting);

        assertEquals(new MentorDetailState(MentorDetailPhase.CLEARED, null, null, null,
                new AppliedCommand("cmd-1", MentorDetailEvent.CLEAR, CommandStatus.APPLIED, 1, T2)), cleared);
        assertEquals(0, reads.get());
    }

    @Test
    void commandForAMentorWithoutProfileRecordsUnknownMentorAndChangesNothingElse() {
        MentorView noProfile = MentorView.EMPTY.withCertificationExpiry(EXPIRY);

        MentorDetailState after = MentorDetailStateMachine.apply(MentorDetailState.INITIAL,
                command(MentorDetailEvent.LOAD, 4, T1), noProfile, () -> MARCH);

        assertEquals(new MentorDetailState(MentorDetailPhase.INITIAL, null, null, null,
                new AppliedCommand("cmd-4", MentorDetailEvent.LOAD, CommandStatus.NOT_FOUND, 4, T1)), after);
    }

    @Test
    void completingAStateThatWasNotDispatchedIsAnError() {
        assertThrows(IllegalStateException.class,
                () -> MentorDetailStateMachine.complete(load(T1), () -> null, T2));
        assertThrows(IllegalStateException.class,
                () -> MentorDetailStateMachine.complete(MentorDetailState.INITIAL, () -> null, T2));
    }

    @Test
    void forgettingAMentorDropsItsSnapshotButKeepsItsLastCommand() {
        MentorDetailState loaded = load(T1);

        MentorDetailState forgotten = MentorDetailStateMachine.forget(loaded);

        assertEquals(new MentorDetailState(MentorDetailPhase.INITIAL, null, null, null, loaded.lastCommand()),
                forgotten);
    }
}
