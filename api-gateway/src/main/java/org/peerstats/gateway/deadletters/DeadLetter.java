package org.peerstats.gateway.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.peerstats.streams.Topics;
import org.peerstats.streams.topology.DeadLetterHandlers;

/**
 * One record of the dead-letter topic, read: the original key and value bytes, the original
 * record's timestamp (Kafka Streams writes the dead letter with it) and the headers that say where
 * it came from and why it was refused — Kafka Streams' KIP-1034 headers, and ours on an output
 * record that was too large to send (which carries no value). Every header may be missing: a
 * definition refused by the global store has no partition or offset, and a record someone wrote
 * to the topic by hand may have none at all.
 *
 * @param timestamp the original record's timestamp
 * @param value     null for an output record dead-lettered without its value
 */
public record DeadLetter(DeadLetterId id, Instant timestamp, byte[] key, byte[] value, Headers headers) {

    static final String TOPIC_HEADER = "__streams.errors.topic";
    static final String PARTITION_HEADER = "__streams.errors.partition";
    static final String OFFSET_HEADER = "__streams.errors.offset";
    static final String EXCEPTION_HEADER = "__streams.errors.exception";
    static final String MESSAGE_HEADER = "__streams.errors.message";
    /**
     * On a record sent back by {@code dead-letters replay}: the dead letter it was. Kafka Streams
     * copies a record's headers into its dead letter, so a replay refused again says so.
     */
    public static final String REPLAY_OF_HEADER = "peerstats.replay.of";
    /** Headers that describe the refusal, not the record: left out when the record is sent back. */
    private static final String STREAMS_HEADER_PREFIX = "__streams.errors.";

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(new DeadLetterId(record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(), record.headers());
    }

    /** The topic the refused record was read from (or, for an output record, none). */
    public Optional<String> originalTopic() {
        return text(TOPIC_HEADER);
    }

    public OptionalInt originalPartition() {
        return text(PARTITION_HEADER).flatMap(DeadLetter::parseLong)
                .filter(p -> p >= 0 && p <= Integer.MAX_VALUE)
                .map(p -> OptionalInt.of(p.intValue())).orElse(OptionalInt.empty());
    }

    public OptionalLong originalOffset() {
        return text(OFFSET_HEADER).flatMap(DeadLetter::parseLong).filter(o -> o >= 0)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** The class name of the exception that refused it, or empty. */
    public String exceptionClass() {
        return text(EXCEPTION_HEADER).orElse("");
    }

    /** The exception's message, or empty. */
    public String message() {
        return text(MESSAGE_HEADER).orElse("");
    }

    /** For an output record too large to send: the topic it was bound for. */
    public Optional<String> outputTopic() {
        return text(DeadLetterHandlers.OUTPUT_TOPIC_HEADER);
    }

    /** For an output record too large to send: how large its value was, in bytes. */
    public OptionalLong outputValueSize() {
        return text(DeadLetterHandlers.OUTPUT_VALUE_SIZE_HEADER).flatMap(DeadLetter::parseLong)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** When this dead letter is a replay refused again: the dead letter that was replayed. */
    public Optional<DeadLetterId> replayOf() {
        try {
            return text(REPLAY_OF_HEADER).map(DeadLetterId::parse);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * The headers the producer gave the original record: all of them but the ones that describe
     * the refusal, and a former {@link #REPLAY_OF_HEADER}.
     */
    public Headers producerHeaders() {
        Headers kept = new RecordHeaders();
        for (Header header : headers) {
            if (!header.key().startsWith(STREAMS_HEADER_PREFIX) && !header.key().equals(REPLAY_OF_HEADER)) {
                kept.add(header);
            }
        }
        return kept;
    }

    /**
     * Why this dead letter cannot be sent back, or empty when it can: it needs a value to send,
     * and an original topic that is one of peerstats' input topics ({@link Topics#inputs()}).
     */
    public Optional<String> whyNotReplayable(Topics topics) {
        if (value == null) {
            return Optional.of(outputTopic()
                    .map(topic -> "it has no value: it is an output record for " + topic + " that was too large to "
                            + "send, dead-lettered without its value (the broker would refuse the value again); "
                            + "there is nothing to send back")
                    .orElse("it has no value (a deletion refused by the topology): there is nothing to send back"));
        }
        Optional<String> topic = originalTopic();
        if (topic.isEmpty()) {
            return Optional.of("it does not say which topic it came from (no " + TOPIC_HEADER + " header)");
        }
        if (topics.inputs().stream().noneMatch(input -> input.name().equals(topic.get()))) {
            return Optional.of("its original topic " + topic.get() + " is not one of peerstats' input topics ("
                    + topics.inputs().stream().map(Topics.Topic::name).collect(Collectors.joining(", ")) + ")"
                    + notAnInputBecause(topic.get(), topics));
        }
        return Optional.empty();
    }

    /** What to do instead, for the topics a dead letter names that are not inputs. */
    private static String notAnInputBecause(String topic, Topics topics) {
        if (topic.endsWith("-repartition")) {
            return ": it was refused by a per-mentor bound after the ingest stage, and its value is the ingest "
                    + "stage's internal form, not the producer's record; once there is room, send the producer's "
                    + "record again";
        }
        if (topic.equals(topics.badgeCommands().name()) || topic.equals(topics.mentorDetailCommands().name())) {
            return ": a command comes through the REST API, with its role check; send the request again";
        }
        if (topic.equals(topics.badgeDefinitions().name())) {
            return ": produce the corrected definition under its id";
        }
        return "";
    }

    private Optional<String> text(String header) {
        Header last = headers.lastHeader(header);
        return last == null || last.value() == null ? Optional.empty()
                : Optional.of(new String(last.value(), StandardCharsets.UTF_8));
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
