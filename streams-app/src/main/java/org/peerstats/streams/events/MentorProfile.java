package org.peerstats.streams.events;

/**
 * A mentor's profile, the latest per mentor on the compacted {@code mentor-profiles} topic (key:
 * {@code peer_mentor_id}). A tombstone (null value) deletes the profile: the mentor is then unknown.
 *
 * @param status   the organisation's word for the mentor's standing ({@code active}, {@code inactive}, ...)
 * @param isPaused whether the mentor has paused taking on new contacts
 */
public record MentorProfile(
        String peerMentorId,
        String organisationId,
        String fullName,
        String email,
        String status,
        Boolean isPaused) {
}
