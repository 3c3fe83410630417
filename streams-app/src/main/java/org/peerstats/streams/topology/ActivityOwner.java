package org.peerstats.streams.topology;

/**
 * Who counts an activity, as kept by the activity-owner stage (key: activity_id).
 *
 * @param peerMentorId the mentor whose stats count it (or counted it, when deleted)
 * @param since        the record timestamp of the upsert that gave it to this mentor, or of the
 *                     latest one under this mentor: an upsert under another mentor with an earlier
 *                     timestamp is stale and moves nothing
 * @param deleted      deleted for good: no upsert brings it back
 */
record ActivityOwner(String peerMentorId, long since, boolean deleted) {
}
