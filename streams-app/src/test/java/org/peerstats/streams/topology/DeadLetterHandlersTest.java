package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.InvalidEventException;

/** What the exception handlers decide: dead-letter and go on, retry, or fail the task. */
class DeadLetterHandlersTest {

    private static final String DEAD_LETTER = "peerstats.dead-letter";
    private static final String MENTOR_INPUTS = "peerstats-mentor-inputs-repartition";
    private static final byte[] KEY = bytes("pm-1");
    private static final long OUTPUT_TIME = 1_774_526_400_000L;

    private final List<String> deadLetters = new ArrayList<>();
    private final ErrorHandlerContext context = new Context(MENTOR_INPUTS, 2, 41L, new RecordHeaders(),
            "apply-activity", new TaskId(1, 2), 1_000L, KEY, bytes("{\"op\":\"upsert\"}"));

    @Test
    void anEventThatBreaksARuleIsDeadLetteredWithItsBytesAndProcessingResumes() {
        ProcessingExceptionHandler.Response response = processing().handleError(context,
                new Record<>("pm-1", "event", 1_000L), new InvalidEventException("duration_minutes is 1441"));

        assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
        ProducerRecord<byte[], byte[]> dead = single(response.deadLetterQueueRecords());
        assertEquals(DEAD_LETTER, dead.topic());
        assertArrayEquals(KEY, dead.key());
        assertEquals("{\"op\":\"upsert\"}", new String(dead.value(), StandardCharsets.UTF_8));
        assertEquals("duration_minutes is 1441", header(dead, "__streams.errors.message"));
        assertEquals(List.of(MENTOR_INPUTS + " processing: duration_minutes is 1441"), deadLetters);
    }

    @Test
    void aBugFailsTheTaskAndIsNotDeadLettered() {
        ProcessingExceptionHandler.Response response = processing().handleError(context,
                new Record<>("pm-1", "event", 1_000L), new IllegalStateException("a day with 2 activities left"));

        assertEquals(ProcessingExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
        assertEquals(List.of(), deadLetters);
    }

    @Test
    void anOutputRecordTooLargeForTheBrokerIsDeadLetteredWithoutItsValueUnderAtLeastOnce() {
        ProductionExceptionHandler.Response response = production(StreamsConfig.AT_LEAST_ONCE)
                .handleError(context, output("peerstats.mentor-details", 2_000_000), tooLarge());

        assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
        ProducerRecord<byte[], byte[]> dead = single(response.deadLetterQueueRecords());
        assertEquals(DEAD_LETTER, dead.topic());
        assertArrayEquals(KEY, dead.key());
        assertNull(dead.value());
        assertEquals(OUTPUT_TIME, dead.timestamp());
        assertEquals("peerstats.mentor-details", header(dead, DeadLetterHandlers.OUTPUT_TOPIC_HEADER));
        assertEquals("2000000", header(dead, DeadLetterHandlers.OUTPUT_VALUE_SIZE_HEADER));
        assertEquals(RecordTooLargeException.class.getName(), header(dead, "__streams.errors.exception"));
        assertEquals(tooLarge().getMessage(), header(dead, "__streams.errors.message"));
        assertEquals("from-the-input", header(dead, "trace"));
        assertEquals(List.of("peerstats.mentor-details production: " + tooLarge().getMessage()), deadLetters);
    }

    @Test
    void underExactlyOnceATooLargeOutputRecordFailsTheTaskForItsTransactionIsAbortedAnyway() {
        ProductionExceptionHandler.Response response = production(StreamsConfig.EXACTLY_ONCE_V2)
                .handleError(context, output("peerstats.mentor-details", 2_000_000), tooLarge());

        assertEquals(ProductionExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
        assertEquals(List.of(), deadLetters);
    }

    @Test
    void aTooLargeChangelogOrRepartitionRecordFailsTheTaskForSkippingItWouldLoseState() {
        ProductionExceptionHandler handler = production(StreamsConfig.AT_LEAST_ONCE);

        assertEquals(ProductionExceptionHandler.Result.FAIL, handler.handleError(context,
                output("peerstats-mentor-stats-state-changelog", 2_000_000), tooLarge()).result());
        assertEquals(ProductionExceptionHandler.Result.FAIL, handler.handleError(context,
                output(MENTOR_INPUTS, 2_000_000), tooLarge()).result());
        assertEquals(List.of(), deadLetters);
    }

    @Test
    void aRetriableErrorIsRetriedAndAnyOtherFailsTheTask() {
        ProductionExceptionHandler handler = production(StreamsConfig.AT_LEAST_ONCE);
        ProducerRecord<byte[], byte[]> record = output("peerstats.mentor-stats", 100);

        assertEquals(ProductionExceptionHandler.Result.RETRY,
                handler.handleError(context, record, new NotEnoughReplicasException("1 of 3 in sync")).result());
        assertEquals(ProductionExceptionHandler.Result.FAIL,
                handler.handleError(context, record, new InvalidRecordException("not valid")).result());
        assertEquals(List.of(), deadLetters);
    }

    @Test
    void aRecordThatCannotBeSerializedIsABugAndFailsTheTask() {
        ProductionExceptionHandler.Response response = production(StreamsConfig.AT_LEAST_ONCE)
                .handleSerializationError(context, new ProducerRecord<>("peerstats.mentor-stats", "pm-1", "stats"),
                        new SerializationException("cannot write MentorStats as JSON"),
                        SerializationExceptionOrigin.VALUE);

        assertEquals(ProductionExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), deadLetters);
    }

    private DeadLetterHandlers.Processing processing() {
        DeadLetterHandlers.Processing handler = new DeadLetterHandlers.Processing();
        handler.configure(configs(StreamsConfig.EXACTLY_ONCE_V2));
        return handler;
    }

    private DeadLetterHandlers.Production production(String guarantee) {
        DeadLetterHandlers.Production handler = new DeadLetterHandlers.Production();
        handler.configure(configs(guarantee));
        return handler;
    }

    private Map<String, Object> configs(String guarantee) {
        DeadLetterListener listener = (topic, stage, reason) -> deadLetters.add(topic + " " + stage + ": " + reason);
        return Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "peerstats",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTER,
                DeadLetterListener.CONFIG, listener);
    }

    private static ProducerRecord<byte[], byte[]> output(String topic, int valueSize) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", bytes("from-the-input"));
        return new ProducerRecord<>(topic, null, OUTPUT_TIME, KEY, new byte[valueSize], headers);
    }

    private static RecordTooLargeException tooLarge() {
        return new RecordTooLargeException("The message is 2000088 bytes when serialized which is larger than "
                + "1048576, which is the value of the max.request.size configuration.");
    }

    private static ProducerRecord<byte[], byte[]> single(List<ProducerRecord<byte[], byte[]>> records) {
        assertEquals(1, records.size(), records::toString);
        return records.get(0);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The context Kafka Streams hands a handler, for the record being processed. */
    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
                           TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {
    }
}
