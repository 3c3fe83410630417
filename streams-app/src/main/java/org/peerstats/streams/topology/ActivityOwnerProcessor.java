package org.peerstats.streams.topology;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.InputAnomaly;

/**
 * Gives every activity one owner: the stage of the ingest that sees every activity (keyed by
 * {@code activity_id}, on one partition) and remembers which mentor counts it. It forwards, keyed
 * by mentor:
 * <ul>
 *   <li>an upsert under the owner (or of a new activity) to that mentor;</li>
 *   <li>an upsert under another mentor, after the owner's {@code since} (or at it, with a greater
 *       mentor id): a move —
 *       {@link MentorInput.ActivityMovedAway} to the former owner, then the upsert to the new one;
 *       an earlier one is stale and dropped ({@link InputAnomaly#STALE_ACTIVITY_MOVE}), so which
 *       mentor ends up with the activity does not depend on how fast each input partition was read;</li>
 *   <li>a delete to the owner, whichever mentor it was sent under; the id stays deleted, and a later
 *       upsert is dropped ({@link InputAnomaly#UPSERT_OF_DELETED_ACTIVITY}).</li>
 * </ul>
 */
final class ActivityOwnerProcessor extends ContextualProcessor<String, ActivityEvent, String, MentorInput> {

    private static final String INPUT = "activities";

    private KeyValueStore<String, ActivityOwner> owners;
    private InputAnomaly.Listener anomalies;

    @Override
    public void init(ProcessorContext<String, MentorInput> context) {
        super.init(context);
        owners = context.getStateStore(StoreNames.ACTIVITY_OWNERS);
        anomalies = InputAnomaly.Listener.from(context.appConfigs());
    }

    @Override
    public void process(Record<String, ActivityEvent> record) {
        String activityId = record.key();
        ActivityEvent event = record.value();
        ActivityOwner owner = owners.get(activityId);
        if (owner != null && owner.deleted()) {
            if (event.op() == EventOp.UPSERT) {
                anomalies.observed(InputAnomaly.UPSERT_OF_DELETED_ACTIVITY, INPUT);
            }
            return;
        }
        if (event.op() == EventOp.DELETE) {
            String holder = owner == null ? event.peerMentorId() : owner.peerMentorId();
            owners.put(activityId, new ActivityOwner(holder, record.timestamp(), true));
            forward(record, holder, new MentorInput.Activity(withMentor(event, holder)));
            return;
        }
        String mentorId = event.peerMentorId();
        if (owner != null && !owner.peerMentorId().equals(mentorId)) {
            if (!takesOver(record.timestamp(), mentorId, owner)) {
                anomalies.observed(InputAnomaly.STALE_ACTIVITY_MOVE, INPUT);
                return;
            }
            forward(record, owner.peerMentorId(), new MentorInput.ActivityMovedAway(activityId));
        }
        if (owner == null || !owner.peerMentorId().equals(mentorId) || record.timestamp() > owner.since()) {
            owners.put(activityId, new ActivityOwner(mentorId, record.timestamp(), false));
        }
        forward(record, mentorId, new MentorInput.Activity(event));
    }

    /**
     * Whether an upsert under another mentor moves the activity: a later record timestamp than the
     * owner's, or the same one and a greater mentor id, so the outcome does not hang on read order.
     */
    static boolean takesOver(long timestamp, String mentorId, ActivityOwner owner) {
        return timestamp > owner.since()
                || timestamp == owner.since() && mentorId.compareTo(owner.peerMentorId()) > 0;
    }

    private void forward(Record<String, ActivityEvent> record, String mentorId, MentorInput input) {
        context().forward(record.withKey(mentorId).withValue(input));
    }

    private static ActivityEvent withMentor(ActivityEvent event, String mentorId) {
        return mentorId.equals(event.peerMentorId()) ? event : new ActivityEvent(event.op(), event.activityId(),
                mentorId, event.organisationId(), event.type(), event.menteeId(), event.occurredAt(),
                event.durationMinutes());
    }
}
