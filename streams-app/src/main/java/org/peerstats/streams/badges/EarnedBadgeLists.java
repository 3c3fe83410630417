package org.peerstats.streams.badges;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerstats.streams.lists.ListLayout;
import org.peerstats.streams.lists.OrderedBytes;

/**
 * The lists of the earned-badges endpoint, ordered by {@code awarded_at} then id: every badge is in
 * the list of all badges, of its organisation, of its mentor and of its mentor within that
 * organisation — each once with revoked badges and, while it is held, once in the held-only
 * variant. So any combination of the endpoint's filters is one list.
 */
public final class EarnedBadgeLists implements ListLayout<EarnedBadge> {

    private static final int ALL = 0;
    private static final int ORGANISATION = 1;
    private static final int MENTOR = 2;
    private static final int ORGANISATION_AND_MENTOR = 3;
    private static final int WITH_REVOKED = 'A';
    private static final int HELD_ONLY = 'H';

    /** The list of the badges that match the filters. */
    public static byte[] scope(Optional<String> organisationId, Optional<String> peerMentorId, boolean includeRevoked) {
        return scopeOf(organisationId.orElse(null), peerMentorId.orElse(null), includeRevoked ? WITH_REVOKED : HELD_ONLY);
    }

    @Override
    public List<byte[]> scopes(EarnedBadge badge) {
        List<byte[]> scopes = new ArrayList<>(8);
        List<Integer> variants = badge.held() ? List.of(WITH_REVOKED, HELD_ONLY) : List.of(WITH_REVOKED);
        for (int variant : variants) {
            scopes.add(scopeOf(null, null, variant));
            scopes.add(scopeOf(null, badge.peerMentorId(), variant));
            if (badge.organisationId() != null) {
                scopes.add(scopeOf(badge.organisationId(), null, variant));
                scopes.add(scopeOf(badge.organisationId(), badge.peerMentorId(), variant));
            }
        }
        return scopes;
    }

    @Override
    public byte[] sortKey(EarnedBadge badge) {
        return OrderedBytes.key().instant(badge.awardedAt()).build();
    }

    private static byte[] scopeOf(String organisationId, String peerMentorId, int variant) {
        OrderedBytes scope = OrderedBytes.key();
        if (organisationId == null && peerMentorId == null) {
            scope.tag(ALL);
        } else if (peerMentorId == null) {
            scope.tag(ORGANISATION).text(organisationId);
        } else if (organisationId == null) {
            scope.tag(MENTOR).text(peerMentorId);
        } else {
            scope.tag(ORGANISATION_AND_MENTOR).text(organisationId).text(peerMentorId);
        }
        return scope.tag(variant).build();
    }
}
