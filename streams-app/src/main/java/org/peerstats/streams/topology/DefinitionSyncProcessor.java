package org.peerstats.streams.topology;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
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
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeInputValidator;
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
 * first event is applied after them: a replay evaluates every event against today's definitions
 * (the same as the first run's when they have not changed since). A version is taken when its
 * bytes differ from the ones this task keeps ({@link KnownDefinition}): the global store holds
 * the last version written, and every task follows it. A version that does not parse, has a
 * property a definition does not know, or breaks a rule is refused; the task of partition 0
 * passes it on for the dead-letter topic.
 */
final class DefinitionSyncProcessor extends ContextualProcessor<String, MentorInput, String, MentorInput> {

    /** How often (wall clock) a task looks for changed definitions in the global store. */
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(DefinitionSyncProcessor.class);
    private final Topics.Topic<String, BadgeDefinition> definitions;
    private final Map<String, KnownDefinition> knownById = new TreeMap<>();
    private KeyValueStore<String, KnownDefinition> known;
    private TimestampedKeyValueStore<String, byte[]> global;
    private boolean synced;

    /** @param definitions the topic, whose (strict) value serde reads each version */
    DefinitionSyncProcessor(Topics.Topic<String, BadgeDefinition> definitions) {
        this.definitions = definitions;
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
     * Takes every version in the global store that differs from this task's, and notices
     * definitions deleted from it. {@code now} (stream or wall-clock time) is the time of a
     * deletion's record to {@code evaluate-badges}, which dates nothing with it.
     */
    private void sync(long now) {
        synced = true;
        Set<String> present = new HashSet<>();
        List<KeyValue<String, ValueAndTimestamp<byte[]>>> changed = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> all = global.all()) {
            all.forEachRemaining(entry -> {
                present.add(entry.key);
                KnownDefinition mine = knownById.get(entry.key);
                if (entry.value != null && (mine == null || !mine.is(digest(entry.value.value())))) {
                    changed.add(entry);
                }
            });
        }
        changed.forEach(entry -> take(entry.key, entry.value.value(), entry.value.timestamp()));
        List<String> deleted = knownById.entrySet().stream()
                .filter(entry -> entry.getValue().digest() != null && !present.contains(entry.getKey()))
                .map(Map.Entry::getKey).toList();
        deleted.forEach(id -> {
            boolean wasInForce = knownById.get(id).definition() != null;
            keep(id, knownById.get(id).deleted());
            if (wasInForce) {
                forward(id, new MentorInput.DefinitionChanged(null, null), now);
            }
        });
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void take(String id, byte[] bytes, long timestamp) {
        String digest = digest(bytes);
        BadgeDefinition definition;
        try {
            definition = definitions.valueSerde().deserializer().deserialize(definitions.name(), bytes);
            BadgeInputValidator.validateDefinition(id, definition);
        } catch (RuntimeException invalid) {
            LOG.warn("badge definition {} (record time {}) refused: {}", id, Instant.ofEpochMilli(timestamp),
                    invalid.getMessage());
            KnownDefinition previous = knownById.get(id);
            keep(id, KnownDefinition.refused(digest, timestamp, invalid.getMessage()));
            if (previous != null && previous.definition() != null) {
                forward(id, new MentorInput.DefinitionChanged(null, null), timestamp);
            }
            if (context().taskId().partition() == 0) {
                forward(id, new MentorInput.DefinitionChanged(null, new MentorInput.Refusal(bytes, invalid)), timestamp);
            }
            return;
        }
        KnownDefinition previous = knownById.get(id);
        keep(id, KnownDefinition.inForce(digest, timestamp, definition));
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
