package org.peerstats.gateway.auth;

import java.util.Objects;

/**
 * Who is calling, as established from a verified token, and what they may see.
 *
 * <p>The visibility rules (DESIGN.md section 8) live here and only here:
 * <ul>
 *   <li>{@code system}, and an {@code admin} without an organisation, see every organisation and
 *       every mentor;</li>
 *   <li>an {@code admin} or {@code coordinator} with an organisation sees that organisation and
 *       the mentors in it;</li>
 *   <li>a {@code coordinator} without an organisation sees nothing (fail closed);</li>
 *   <li>a {@code peer_mentor} sees only itself, never an organisation as a whole.</li>
 * </ul>
 *
 * @param subject        the token's {@code sub}
 * @param role           the token's {@code role}
 * @param organisationId the token's {@code organisation_id}, or null
 * @param peerMentorId   the token's {@code peer_mentor_id}, or null; required for
 *                       {@link Role#PEER_MENTOR}
 */
public record Principal(String subject, Role role, String organisationId, String peerMentorId) {

    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        if (role == Role.PEER_MENTOR && peerMentorId == null) {
            throw new IllegalArgumentException("a peer_mentor principal needs a peerMentorId");
        }
    }

    /** True for {@code system} and for an {@code admin} bound to no organisation. */
    public boolean seesAllOrganisations() {
        return role == Role.SYSTEM || (role == Role.ADMIN && organisationId == null);
    }

    /** Whether organisation-wide data (lists, dashboards) of {@code organisationId} is visible. */
    public boolean canSeeOrganisation(String organisationId) {
        if (seesAllOrganisations()) {
            return true;
        }
        return role != Role.PEER_MENTOR
                && this.organisationId != null
                && this.organisationId.equals(organisationId);
    }

    /**
     * Whether the data of one mentor is visible.
     *
     * @param peerMentorId         the mentor asked for
     * @param mentorOrganisationId the organisation that mentor belongs to, or null when unknown
     */
    public boolean canSeeMentor(String peerMentorId, String mentorOrganisationId) {
        if (role == Role.PEER_MENTOR) {
            return this.peerMentorId.equals(peerMentorId);
        }
        return canSeeOrganisation(mentorOrganisationId);
    }
}
