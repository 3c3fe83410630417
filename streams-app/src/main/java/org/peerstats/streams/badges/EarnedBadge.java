package org.peerstats.streams.badges;

import java.time.Instant;

/**
 * One badge held (or once held) by one mentor: the record published on the compacted
 * {@code earned-badges} topic (key: {@code id}) on every change and served by the REST API. The
 * definition's name, description and icon are copied in, so a reader needs nothing else.
 *
 * @param id          deterministic: see {@link EarnedBadgeIds}
 * @param awardedAt   the timestamp of the record that caused the award, never the wall clock
 * @param awardedBy   {@code system} when the rules awarded it, else who awarded it by hand
 * @param note        the note of a manual award, or {@code null}
 * @param revokedAt   when it was revoked, or {@code null} while it is held
 * @param revokeReason why it was revoked, or {@code null}
 */
public record EarnedBadge(
        String id,
        String badgeDefinitionId,
        String peerMentorId,
        String organisationId,
        String badgeName,
        String badgeDescription,
        String iconUrl,
        Instant awardedAt,
        String awardedBy,
        String note,
        Instant revokedAt,
        String revokeReason) {

    /** {@code awarded_by} of the badges the rules award. */
    public static final String SYSTEM = "system";

    public boolean held() {
        return revokedAt == null;
    }

    EarnedBadge revoked(Instant at, String reason) {
        return new EarnedBadge(id, badgeDefinitionId, peerMentorId, organisationId, badgeName, badgeDescription,
                iconUrl, awardedAt, awardedBy, note, at, reason);
    }

    EarnedBadge inOrganisation(String newOrganisationId) {
        return new EarnedBadge(id, badgeDefinitionId, peerMentorId, newOrganisationId, badgeName, badgeDescription,
                iconUrl, awardedAt, awardedBy, note, revokedAt, revokeReason);
    }

    EarnedBadge displayedAs(BadgeDefinition definition) {
        return new EarnedBadge(id, badgeDefinitionId, peerMentorId, organisationId, definition.name(),
                definition.description(), definition.iconUrl(), awardedAt, awardedBy, note, revokedAt, revokeReason);
    }
}
