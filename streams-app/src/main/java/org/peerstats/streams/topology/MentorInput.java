package org.peerstats.streams.topology;

import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.detail.AssignmentChange;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.MentorDetailCommand;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;

/**
 * One validated mentor-keyed input on its way from the ingest stage to the mentor's task: the
 * value of the {@code mentor-inputs} repartition topic, whose key is always the peer_mentor_id.
 * Each variant wraps one input record's value; a deletion on a compacted topic travels as a
 * variant whose payload is {@code null}. {@link MentorInputSerde} writes a tag byte for the
 * variant, then the variant as JSON. {@link DefinitionChanged} alone never crosses a topic: the
 * mentors' task makes it from the global definitions store.
 */
public sealed interface MentorInput {

    record Activity(ActivityEvent event) implements MentorInput {
    }

    /**
     * The activity-owner stage moved {@code activityId} from this mentor (the key) to another: it
     * is taken out of this mentor's stats.
     */
    record ActivityMovedAway(String activityId) implements MentorInput {
    }

    record TrainingCompletion(TrainingCompletionEvent event) implements MentorInput {
    }

    /** A profile, or {@code null} when the profile was deleted. */
    record Profile(MentorProfile profile) implements MentorInput {
    }

    /** A certification, or {@code null} when it was deleted. */
    record CertificationChange(Certification certification) implements MentorInput {
    }

    /** An assignment change for this mentor, from the stage keyed by assignment_id. */
    record Assignment(AssignmentChange change) implements MentorInput {
    }

    record BadgeCommandReceived(BadgeCommand command) implements MentorInput {
    }

    /**
     * A mentor-detail command with its offset in the {@code mentor-detail-commands} partition it
     * was written to: the REST call that wrote it waits until the mentor's document records it.
     */
    record DetailCommand(MentorDetailCommand command, long commandOffset) implements MentorInput {
    }

    /**
     * A tick of the clock of one zone (key: {@code <kind>:<zone>}), sent to every partition of
     * {@code mentor-inputs} by {@link MentorPartitioner}: every task follows every zone's days.
     */
    record ClockTick(org.peerstats.streams.clock.ClockTick tick) implements MentorInput {
    }

    /**
     * Made inside the mentors' task (key: the definition id): the definition in force changed to
     * {@code definition}, or it is gone ({@code null}); with a {@code refusal}, a version that was
     * refused, for the dead-letter topic.
     */
    record DefinitionChanged(BadgeDefinition definition, Refusal refusal) implements MentorInput {
    }

    /** A refused definition version: its bytes as they stand on the topic, and why. */
    record Refusal(byte[] originalValue, RuntimeException reason) {
    }
}
