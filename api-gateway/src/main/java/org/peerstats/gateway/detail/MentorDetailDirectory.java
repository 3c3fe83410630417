package org.peerstats.gateway.detail;

import java.util.Optional;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.lists.Page;

/** Where the mentor-detail documents are read: every mentor's, on every instance. */
public interface MentorDetailDirectory {

    /** The mentor's document, known or not; empty when the topology has nothing on it. */
    Optional<MentorDetailDocument> find(String mentorId);

    /**
     * The known mentors of {@code organisationId} (all organisations when empty) with
     * {@code status} (any when empty), sorted by full name (those without one last) then mentor
     * id: {@code limit} of them after the first {@code offset}, with the exact total.
     */
    Page<MentorDetailDocument> list(Optional<String> organisationId, Optional<String> status, long offset, int limit);
}
