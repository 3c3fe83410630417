package org.peerstats.gateway.auth;

import java.util.Optional;
import java.util.function.Function;
import org.peerstats.streams.badges.BadgeDefinition;

/**
 * Who may see what (DESIGN.md section 8): the one place the stats, badge and mentor-detail
 * services ask.
 * <ul>
 *   <li>{@code system}, and an {@code admin} without an organisation, see every organisation and
 *       every mentor;</li>
 *   <li>an {@code admin} or {@code coordinator} with an organisation sees that organisation and
 *       the mentors in it;</li>
 *   <li>a {@code coordinator} without an organisation sees nothing (fail closed);</li>
 *   <li>a {@code peer_mentor} sees only itself, never an organisation as a whole;</li>
 *   <li>a badge definition is seen with a mentor it applies to (one for every organisation, or
 *       one for the mentor's).</li>
 * </ul>
 *
 * <p>Something the caller may not see does not exist for the caller: {@link #mentor} gives the
 * same empty answer for a mentor of another organisation as for an unknown one, so the services
 * answer both with the same 404 and nobody can learn from the status or the message whether a
 * mentor, an earned badge or a definition exists elsewhere. Whether a caller may call a route at
 * all (403) is {@code AccessControl}'s question, not this one.
 */
public final class Visibility {

    private Visibility() {
    }

    /** True for {@code system} and for an {@code admin} bound to no organisation. */
    public static boolean seesAllOrganisations(Principal caller) {
        return caller.role() == Role.SYSTEM || (caller.role() == Role.ADMIN && caller.organisationId() == null);
    }

    /** Whether organisation-wide data (lists, dashboards) of {@code organisationId} is visible. */
    public static boolean canSeeOrganisation(Principal caller, String organisationId) {
        if (seesAllOrganisations(caller)) {
            return true;
        }
        return caller.role() != Role.PEER_MENTOR
                && caller.organisationId() != null
                && caller.organisationId().equals(organisationId);
    }

    /**
     * Whether the data of one mentor is visible.
     *
     * @param mentorOrganisationId the organisation that mentor belongs to, or null when unknown
     */
    public static boolean canSeeMentor(Principal caller, String peerMentorId, String mentorOrganisationId) {
        if (caller.role() == Role.PEER_MENTOR) {
            return caller.peerMentorId().equals(peerMentorId);
        }
        return canSeeOrganisation(caller, mentorOrganisationId);
    }

    /**
     * A mentor's record if it exists and the caller may see it, else empty — the same for both.
     * A peer mentor asking for anyone else gets empty without a lookup.
     *
     * @param lookup         finds the record by mentor id
     * @param organisationOf the organisation a found record says the mentor belongs to
     */
    public static <T> Optional<T> mentor(Principal caller, String peerMentorId, Function<String, Optional<T>> lookup,
                                         Function<T, String> organisationOf) {
        if (caller.role() == Role.PEER_MENTOR && !peerMentorId.equals(caller.peerMentorId())) {
            return Optional.empty();
        }
        return lookup.apply(peerMentorId)
                .filter(record -> canSeeMentor(caller, peerMentorId, organisationOf.apply(record)));
    }

    /**
     * A definition as it may be used with a mentor of {@code mentorOrganisationId} (one the caller
     * sees): empty for an unknown definition and for one of another organisation alike.
     */
    public static Optional<BadgeDefinition> definitionFor(Optional<BadgeDefinition> definition,
                                                          String mentorOrganisationId) {
        return definition.filter(found -> found.appliesTo(mentorOrganisationId));
    }
}
