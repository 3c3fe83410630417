package org.peerstats.streams.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeInputValidator;
import org.peerstats.streams.serde.JsonSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head of the mentors' sub-topology: takes badge definitions from the global store
 * {@code badge-definitions-global} into this task's {@code badge-definitions-state}, and tells
 * {@code evaluate-badges} of each change ({@link MentorInput.DefinitionChanged}) — before it
 * forwards the task's first record, and then every {@link #SYNC_INTERVAL} of wall-clock time.
 * Every other record passes through untouched.
 *
 * <p>Kafka Streams fills a global store to the end of its topic before any task processes, so
 * after an application reset every task knows every definition before its first event, and the
 * first event is applied after them: a replay evaluates each event against the definitions in
 * force, as the first run did. A version is taken only when its record timestamp is newer than
 * the one this task keeps ({@link KnownDefinition}), so an instance whose global store lags cannot
 * bring an older version back to a task that moved to it. A version that does not parse, has a
 * property a definition does not know, or breaks a rule is refused; the task of partition 0
 * passes it on for the dead-letter topic.
 */
final class DefinitionSyncProcessor extends ContextualProcessor<String, MentorInput, String, MentorInput> {

    /** How often (wall clock) a task looks for changed definitions in the global store. */
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(DefinitionSyncProcessor.class);
    private static final JsonSerde<BadgeDefinition> DEFINITION_JSON = JsonSerde.strictOf(BadgeDefinition.class);

    private final String definitionsTopic;
    private final Map<String, KnownDefinition> knownById = new TreeMap<>();
    private KeyValueStore<String, KnownDefinition> known;
    private TimestampedKeyValueStore<String, byte[]> global;
    private boolean synced;

    DefinitionSyncProcessor(String definitionsTopic) {
        this.definitionsTopic = definitionsTopic;
    }

    @Override
    public void init(ProcessorContext<String, MentorInput> context) {
        super.init(context);
        known = context.getStateStore(StoreNames.BADGE_DEFINITIONS);
        global = context.getStateStore(StoreNames.BADGE_DEFINITIONS_GLOBAL);
        knownById.clear();
        try (KeyValueIterator<String, KnownDefinition> all = known.all()) {
            all.forEachRemaining(entry -> knownById.put(entry.key, entry.value));
        }
        synced = false;
        context.schedule(SYNC_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::sync);
    }

    @Override
    public void process(Record<String, MentorInput> record) {
        if (!synced) {
            sync(record.timestamp());
        }
        context().forward(record);
    }

    /**
     * Takes every version in the global store newer than this task's, and notices definitions
     * deleted from it; {@code now} dates a deletion (a tombstone leaves no timestamp behind).
     */
    private void sync(long now) {
        synced = true;
        Set<String> present = new HashSet<>();
        List<KeyValue<String, ValueAndTimestamp<byte[]>>> newer = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> all = global.all()) {
            all.forEachRemaining(entry -> {
                present.add(entry.key);
                KnownDefinition mine = knownById.get(entry.key);
                if (entry.value != null && (mine == null || entry.value.timestamp() > mine.timestamp())) {
                    newer.add(entry);
                }
            });
        }
        newer.forEach(entry -> take(entry.key, entry.value.value(), entry.value.timestamp()));
        List<String> deleted = knownById.entrySet().stream()
                .filter(entry -> entry.getValue().definition() != null && !present.contains(entry.getKey()))
                .map(Map.Entry::getKey).toList();
        deleted.forEach(id -> {
            long at = Math.max(now, knownById.get(id).timestamp() + 1);
            keep(id, KnownDefinition.deleted(at));
            forward(id, new MentorInput.DefinitionChanged(null, null), at);
        });
    }

    private void take(String id, byte[] bytes, long timestamp) {
        BadgeDefinition definition;
        try {
            definition = DEFINITION_JSON.deserialize(definitionsTopic, bytes);
            BadgeInputValidator.validateDefinition(id, definition);
        } catch (RuntimeException invalid) {
            LOG.warn("badge definition {} (record time {}) refused: {}", id, Instant.ofEpochMilli(timestamp),
                    invalid.getMessage());
            KnownDefinition previous = knownById.get(id);
            keep(id, KnownDefinition.refused(timestamp, invalid.getMessage()));
            if (previous != null && previous.definition() != null) {
                forward(id, new MentorInput.DefinitionChanged(null, null), timestamp);
            }
            if (context().taskId().partition() == 0) {
                forward(id, new MentorInput.DefinitionChanged(null, new MentorInput.Refusal(bytes, invalid)), timestamp);
            }
            return;
        }
        KnownDefinition previous = knownById.get(id);
        keep(id, KnownDefinition.inForce(timestamp, definition));
        if (previous == null || !definition.equals(previous.definition())) {
            forward(id, new MentorInput.DefinitionChanged(definition, null), timestamp);
        }
    }

    private void keep(String id, KnownDefinition definition) {
        known.put(id, definition);
        knownById.put(id, definition);
    }

    private void forward(String id, MentorInput.DefinitionChanged change, long timestamp) {
        context().forward(new Record<>(id, change, timestamp));
    }
}
