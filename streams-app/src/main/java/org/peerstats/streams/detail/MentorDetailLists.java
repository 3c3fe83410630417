package org.peerstats.streams.detail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerstats.streams.lists.ListLayout;
import org.peerstats.streams.lists.OrderedBytes;

/**
 * The lists of the organisation dashboard ({@code GET /peer-mentor-bloc}), ordered by full name
 * (mentors without one last) then mentor id: a known mentor is in the list of all mentors and of
 * its organisation, each once for any status and once for its own status. A mentor without a
 * profile is in none.
 */
public final class MentorDetailLists implements ListLayout<MentorDetailDocument> {

    private static final int ALL = 0;
    private static final int ORGANISATION = 1;
    private static final int ANY_STATUS = 'A';
    private static final int STATUS = 'S';

    /** The list of the known mentors that match the filters. */
    public static byte[] scope(Optional<String> organisationId, Optional<String> status) {
        return scopeOf(organisationId.orElse(null), status.orElse(null));
    }

    @Override
    public List<byte[]> scopes(MentorDetailDocument document) {
        List<byte[]> scopes = new ArrayList<>(4);
        if (!document.known()) {
            return scopes;
        }
        scopes.add(scopeOf(null, null));
        if (document.status() != null) {
            scopes.add(scopeOf(null, document.status()));
        }
        if (document.organisationId() != null) {
            scopes.add(scopeOf(document.organisationId(), null));
            if (document.status() != null) {
                scopes.add(scopeOf(document.organisationId(), document.status()));
            }
        }
        return scopes;
    }

    @Override
    public byte[] sortKey(MentorDetailDocument document) {
        return OrderedBytes.key().textNullsLast(document.fullName()).build();
    }

    private static byte[] scopeOf(String organisationId, String status) {
        OrderedBytes scope = organisationId == null ? OrderedBytes.key().tag(ALL)
                : OrderedBytes.key().tag(ORGANISATION).text(organisationId);
        return status == null ? scope.tag(ANY_STATUS).build() : scope.tag(STATUS).text(status).build();
    }
}
