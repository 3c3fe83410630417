package org.peerstats.streams.detail;

import java.time.Instant;
import java.util.function.Supplier;
import org.peerstats.streams.events.CommandStatus;
import org.peerstats.streams.events.MentorDetailEvent;

/**
 * The mentor-detail state machine (DESIGN.md section 7), plain rules over {@link MentorDetailState}:
 *
 * <pre>
 * LoadMentorDetail    : any       → loading    → loaded (new snapshot, loaded_at = command time)
 * RefreshMentorDetail : any       → refreshing → loaded (new snapshot, previous_loaded_at = the loaded_at it replaced)
 * ClearMentorDetail   : any       → cleared             (snapshot removed; the next GET loads afresh)
 * profile deleted     : any       → initial             (the mentor is unknown)
 * any command for a mentor without a profile: state unchanged, outcome not_found
 * </pre>
 *
 * A dispatch and its completion are separate steps ({@link #dispatch}, {@link #complete}); the
 * topology takes both at once ({@link #apply}), so the transitional phases are only ever reported
 * by the REST answer to a dispatch ({@link #dispatchedPhase}).
 */
public final class MentorDetailStateMachine {

    /**
     * A command as the topology applies it.
     *
     * @param offset its offset in the commands partition
     * @param at     its record timestamp: the time of the snapshot it takes
     */
    public record Command(String commandId, MentorDetailEvent event, long offset, Instant at) {
    }

    private MentorDetailStateMachine() {
    }

    /** The phase a dispatched event puts the detail in until it is applied. */
    public static MentorDetailPhase dispatchedPhase(MentorDetailEvent event) {
        return switch (event) {
            case LOAD -> MentorDetailPhase.LOADING;
            case REFRESH -> MentorDetailPhase.REFRESHING;
            case CLEAR -> MentorDetailPhase.CLEARED;
        };
    }

    /** The state between the dispatch of {@code event} and its completion. */
    public static MentorDetailState dispatch(MentorDetailState current, MentorDetailEvent event) {
        Instant previous = event == MentorDetailEvent.REFRESH ? current.loadedAt() : null;
        return new MentorDetailState(dispatchedPhase(event), null, null, previous, current.lastCommand());
    }

    /**
     * Completes a dispatched state: loading and refreshing become loaded with the snapshot taken at
     * {@code at}; cleared stays cleared (and takes no snapshot).
     */
    public static MentorDetailState complete(MentorDetailState dispatched, Supplier<MentorDetailSnapshot> snapshot,
                                             Instant at) {
        return switch (dispatched.phase()) {
            case LOADING, REFRESHING -> new MentorDetailState(MentorDetailPhase.LOADED, snapshot.get(), at,
                    dispatched.previousLoadedAt(), dispatched.lastCommand());
            case CLEARED -> dispatched;
            case INITIAL, LOADED -> throw new IllegalStateException(
                    "nothing was dispatched: the detail is " + dispatched.phase().wireName());
        };
    }

    /**
     * Dispatches and completes {@code command} against the mentor's merged view; records the
     * command as the last one applied, with its outcome.
     *
     * @param activity the month's activity as of the command, asked for only when a snapshot is taken
     */
    public static MentorDetailState apply(MentorDetailState current, Command command, MentorView view,
                                          Supplier<ActivitySummary> activity) {
        if (!view.known()) {
            return current.withLastCommand(applied(command, CommandStatus.NOT_FOUND));
        }
        MentorDetailState dispatched = dispatch(current, command.event());
        return complete(dispatched, () -> MentorDetailSnapshot.of(view, activity.get()), command.at())
                .withLastCommand(applied(command, CommandStatus.APPLIED));
    }

    /** The mentor's profile was deleted: its snapshot goes, and it starts again from initial. */
    public static MentorDetailState forget(MentorDetailState current) {
        return new MentorDetailState(MentorDetailPhase.INITIAL, null, null, null, current.lastCommand());
    }

    private static AppliedCommand applied(Command command, CommandStatus outcome) {
        return new AppliedCommand(command.commandId(), command.event(), outcome, command.offset(), command.at());
    }
}
