package org.peerstats.streams.detail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.function.Function;
import org.peerstats.streams.events.MentorProfile;

/**
 * One mentor's merged view and detail state together: the merge rules, and what is published
 * for the REST layer. Every method returns a new value; the topology compares it with the old one
 * and stores and publishes only a change.
 */
public record MentorDetail(MentorView view, MentorDetailState state) {

    public static final MentorDetail NONE = new MentorDetail(MentorView.EMPTY, MentorDetailState.INITIAL);

    /** A new profile replaces the old; a deleted one ({@code null}) makes the mentor unknown and drops its snapshot. */
    public MentorDetail withProfile(MentorProfile profile) {
        MentorDetailState nextState = profile == null && view.known() ? MentorDetailStateMachine.forget(state) : state;
        return new MentorDetail(view.withProfile(profile), nextState);
    }

    /** {@code null} when the certification was deleted. */
    public MentorDetail withCertificationExpiry(Instant expiry) {
        return new MentorDetail(view.withCertificationExpiry(expiry), state);
    }

    public MentorDetail with(AssignmentChange change) {
        return new MentorDetail(view.with(change), state);
    }

    /** @param activity the month's activity as of the command, for the mentor's view */
    public MentorDetail apply(MentorDetailStateMachine.Command command, Function<MentorView, ActivitySummary> activity) {
        return new MentorDetail(view, MentorDetailStateMachine.apply(state, command, view, () -> activity.apply(view)));
    }

    /** Nothing is known of the mentor and nothing was ever asked of it: nothing need be kept or published. */
    @JsonIgnore
    public boolean holdsNothing() {
        return view.holdsNothing() && state.equals(MentorDetailState.INITIAL);
    }

    public MentorDetailDocument document(String mentorId) {
        var profile = view.profile();
        return new MentorDetailDocument(
                mentorId,
                view.known(),
                profile == null ? null : profile.organisationId(),
                profile == null ? null : profile.fullName(),
                profile == null ? null : profile.status(),
                profile == null ? null : profile.isPaused(),
                view.certificationExpiry(),
                view.openAssignments().size(),
                state.phase(),
                state.snapshot(),
                state.loadedAt(),
                state.previousLoadedAt(),
                state.lastCommand());
    }
}
