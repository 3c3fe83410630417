package org.peerstats.gateway.detail;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.peerstats.streams.detail.MentorDetailDocument;

/** Where the mentor-detail documents are read: every mentor's, on every instance. */
public interface MentorDetailDirectory {

    /** The mentor's document, known or not; empty when the topology has nothing on it. */
    Optional<MentorDetailDocument> find(String mentorId);

    /** Every document that satisfies {@code filter}, in no particular order. */
    List<MentorDetailDocument> matching(Predicate<MentorDetailDocument> filter);
}
