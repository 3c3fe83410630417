package org.peerstats.gateway.badges;

import static org.peerstats.gateway.http.WireTime.seconds;

import java.time.Instant;
import java.util.List;
import org.peerstats.streams.badges.EarnedBadge;

/**
 * The JSON bodies of the earned-badges endpoints, field for field as in
 * {@code contracts/earned-badges.txt} (snake_case on the wire), instants in whole seconds. Where a
 * contract shape lacks a field a client needs, it is added, never renamed or left out: list items
 * also carry {@code revoked_at} (for {@code include_revoked=true}), and the one-badge shape of GET
 * and POST carries both {@code note} and the revocation fields.
 */
public final class BadgeResponses {

    private BadgeResponses() {
    }

    /** One item of the list. */
    public record EarnedBadgeSummary(
            String id,
            String badgeDefinitionId,
            String peerMentorId,
            String badgeName,
            String iconUrl,
            Instant awardedAt,
            String awardedBy,
            Instant revokedAt) {

        static EarnedBadgeSummary of(EarnedBadge badge) {
            return new EarnedBadgeSummary(badge.id(), badge.badgeDefinitionId(), badge.peerMentorId(),
                    badge.badgeName(), badge.iconUrl(), seconds(badge.awardedAt()), badge.awardedBy(),
                    seconds(badge.revokedAt()));
        }
    }

    /** One earned badge in full: GET /:id and the answer to POST. */
    public record EarnedBadgeDetail(
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

        static EarnedBadgeDetail of(EarnedBadge badge) {
            return new EarnedBadgeDetail(badge.id(), badge.badgeDefinitionId(), badge.peerMentorId(),
                    badge.organisationId(), badge.badgeName(), badge.badgeDescription(), badge.iconUrl(),
                    seconds(badge.awardedAt()), badge.awardedBy(), badge.note(), seconds(badge.revokedAt()),
                    badge.revokeReason());
        }
    }

    public record Pagination(int page, int limit, long total) {
    }

    public record EarnedBadgePage(List<EarnedBadgeSummary> data, Pagination pagination) {
    }

    /** The answer to DELETE. */
    public record Revocation(String id, boolean revoked, Instant revokedAt, String revokeReason) {

        static Revocation of(EarnedBadge badge) {
            return new Revocation(badge.id(), true, seconds(badge.revokedAt()), badge.revokeReason());
        }
    }

    /** The answer to GET /check: the earned-badge fields are {@code null} when it is not held. */
    public record Check(
            String badgeDefinitionId,
            String peerMentorId,
            boolean hasEarned,
            String earnedBadgeId,
            Instant awardedAt) {
    }
}
