package org.peerstats.streams.badges;

import java.util.Objects;

/**
 * A badge that mentors can earn, as it is kept on the compacted {@code badge-definitions} topic
 * (key: {@code id}) in the shape of DESIGN.md section 6.
 *
 * @param organisationId the one organisation it is for, or {@code null} for every organisation
 * @param criteria       what earns it automatically, or {@code null} for a badge that is only
 *                       awarded by hand
 * @param revocable      whether a badge the rules awarded is taken back when the criteria no
 *                       longer hold (a boxed {@code Boolean} only so that a missing field can be
 *                       told from {@code false})
 */
public record BadgeDefinition(
        String id,
        String organisationId,
        String name,
        String description,
        String iconUrl,
        BadgeCriteria criteria,
        Boolean revocable) {

    /** Whether the definition applies to mentors of {@code mentorOrganisationId}. */
    public boolean appliesTo(String mentorOrganisationId) {
        return organisationId == null || organisationId.equals(mentorOrganisationId);
    }

    /** Whether a badge the rules awarded is taken back when the criteria no longer hold. */
    public boolean revokesAutomatically() {
        return Boolean.TRUE.equals(revocable);
    }

    /** Whether the name, description or icon differ from what {@code badge} shows. */
    boolean displayDiffersFrom(EarnedBadge badge) {
        return !Objects.equals(name, badge.badgeName())
                || !Objects.equals(description, badge.badgeDescription())
                || !Objects.equals(iconUrl, badge.iconUrl());
    }
}
