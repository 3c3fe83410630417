package org.peerstats.streams.topology;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.detail.AssignmentChange;
import org.peerstats.streams.events.Assignment;

/**
 * Turns assignment records (keyed by assignment id) into changes keyed by mentor, remembering who
 * holds each assignment: a move sends a removal to the former mentor and the assignment to the new
 * one; a deletion sends a removal to the holder. Records reach it validated (by admit-assignment),
 * through a one-partition topic, so every record of an assignment id meets one store.
 */
final class AssignmentOwnerProcessor extends ContextualProcessor<String, Assignment, String, AssignmentChange> {

    private KeyValueStore<String, String> owners;

    @Override
    public void init(ProcessorContext<String, AssignmentChange> context) {
        super.init(context);
        owners = context.getStateStore(StoreNames.ASSIGNMENT_OWNERS);
    }

    @Override
    public void process(Record<String, Assignment> record) {
        String assignmentId = record.key();
        Assignment assignment = record.value();
        String previousOwner = owners.get(assignmentId);
        String owner = assignment == null ? null : assignment.peerMentorId();
        if (previousOwner != null && !previousOwner.equals(owner)) {
            context().forward(record.withKey(previousOwner).withValue(AssignmentChange.removal(assignmentId)));
        }
        if (owner == null) {
            owners.delete(assignmentId);
            return;
        }
        if (!owner.equals(previousOwner)) {
            owners.put(assignmentId, owner);
        }
        context().forward(record.withKey(owner).withValue(AssignmentChange.upsert(assignment)));
    }
}
