package org.peerstats.streams.reference;

import java.time.Instant;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.topology.TopologyFixture;

/**
 * One input record of a generated history, exactly as it is piped into the topology.
 *
 * @param value an {@link ActivityEvent}, {@link TrainingCompletionEvent} or {@link MentorProfile}, a
 *              raw {@link String} that is not a valid event, or {@code null} (a record without a
 *              value; for a profile, its deletion)
 */
public record HistoryInput(Topic topic, String key, Object value, Instant recordTime) {

    /** The input topic the record is written to. */
    public enum Topic {
        ACTIVITIES,
        TRAINING_COMPLETIONS,
        /** A {@link MentorProfile}, or {@code null}: the profile was deleted. */
        MENTOR_PROFILES
    }

    public void pipeInto(TopologyFixture fixture) {
        if (topic == Topic.MENTOR_PROFILES) {
            fixture.profiles.pipeInput(key, (MentorProfile) value, recordTime);
        } else if (topic == Topic.ACTIVITIES) {
            if (value instanceof ActivityEvent event) {
                fixture.activities.pipeInput(key, event, recordTime);
            } else {
                fixture.rawActivities.pipeInput(key, (String) value, recordTime);
            }
        } else {
            if (value instanceof TrainingCompletionEvent event) {
                fixture.trainingCompletions.pipeInput(key, event, recordTime);
            } else {
                fixture.rawTrainingCompletions.pipeInput(key, (String) value, recordTime);
            }
        }
    }

    @Override
    public String toString() {
        return "@" + recordTime + " " + topic + " key=" + key + " " + value;
    }
}
