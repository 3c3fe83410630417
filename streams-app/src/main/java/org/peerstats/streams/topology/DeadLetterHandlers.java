package org.peerstats.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.serde.OutputTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception handlers: bad input goes to the dead-letter topic and processing goes on; a bug
 * fails the task, so that exactly-once aborts its transaction and nothing of the record is
 * committed. Kafka Streams' own log-and-continue handlers build the dead-letter record (KIP-1034:
 * the original key and value bytes, with {@code __streams.errors.*} headers naming the topic,
 * partition, offset, exception and message) when {@code errors.dead.letter.queue.topic.name} is
 * set; every dead letter is counted through the configured {@link DeadLetterListener}.
 */
public final class DeadLetterHandlers {

    /** On a dead-lettered output record: the topic it was bound for. */
    public static final String OUTPUT_TOPIC_HEADER = "peerstats.output.topic";
    /** On a dead-lettered output record: the size of the value that was left out, in bytes. */
    public static final String OUTPUT_VALUE_SIZE_HEADER = "peerstats.output.value.size";

    /** Kafka Streams' dead-letter headers, which the production dead letters share. */
    private static final String EXCEPTION_HEADER = "__streams.errors.exception";
    private static final String MESSAGE_HEADER = "__streams.errors.message";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    /** For records whose bytes are not a valid event (bad JSON, unknown enum value, ...). */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        private DeadLetterListener listener = DeadLetterListener.NONE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            listener = DeadLetterListener.from(configs);
        }

        @Override
        public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                ConsumerRecord<byte[], byte[]> record, Exception exception) {
            listener.deadLettered(context.topic(), "deserialization", exception.getMessage());
            return super.handleError(context, record, exception);
        }
    }

    /**
     * For exceptions in processors. An {@link InvalidEventException} is an event that breaks a
     * rule; the validators throw it before any store is written, so the record is dead-lettered and
     * processing goes on. Anything else is a bug that may strike after a processor wrote a store or
     * sent a record: resuming would commit that half of the record, so the task fails instead.
     */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        private DeadLetterListener listener = DeadLetterListener.NONE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            listener = DeadLetterListener.from(configs);
        }

        @Override
        public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                Exception exception) {
            if (!(exception instanceof InvalidEventException)) {
                LOG.error("processing {}-{}@{} failed in {}: not bad input but a bug; failing the task, so that "
                        + "its transaction is aborted and nothing of the record is committed", context.topic(),
                        context.partition(), context.offset(), context.processorNodeId(), exception);
                return ProcessingExceptionHandler.Response.fail();
            }
            listener.deadLettered(context.topic(), "processing", exception.getMessage());
            return super.handleError(context, record, exception);
        }
    }

    /**
     * For records the producer could not send. An output record too large for the broker is
     * dead-lettered without its value (the broker refused that value; a copy would be refused
     * too): its key, timestamp and headers, with {@link #OUTPUT_TOPIC_HEADER},
     * {@link #OUTPUT_VALUE_SIZE_HEADER} and {@code __streams.errors.exception} / {@code .message}.
     * The input record's topic, partition and offset are not added: a refusal by the broker
     * arrives after the task has moved on, and the handler's context then describes whatever the
     * task is doing, not the record that produced the output.
     *
     * <p>That works under {@code at_least_once} only: under exactly-once the producer aborts the
     * whole transaction when it refuses a record, so nothing can be skipped and the task fails, as
     * it does for a too-large changelog or repartition record (skipping one would lose state) and
     * for any other non-retriable error. Retriable errors are retried, as by Kafka's default
     * handler; a record that cannot be serialized is a bug and fails the task.
     */
    public static final class Production implements ProductionExceptionHandler {
        private DeadLetterListener listener = DeadLetterListener.NONE;
        private String deadLetterTopic;
        private String internalTopicPrefix;
        private boolean exactlyOnce;

        @Override
        public void configure(Map<String, ?> configs) {
            listener = DeadLetterListener.from(configs);
            deadLetterTopic = (String) configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
            internalTopicPrefix = configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-";
            exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                Exception exception) {
            if (exception instanceof RetriableException) {
                return Response.retry();
            }
            if (exception instanceof RecordTooLargeException && isOutput(record.topic()) && !exactlyOnce
                    && deadLetterTopic != null) {
                LOG.error("a record for {} is too large for the broker; dead-lettered without its value",
                        record.topic(), exception);
                listener.deadLettered(record.topic(), "production", exception.getMessage());
                return Response.resume(List.of(deadLetter(record, exception)));
            }
            LOG.error("sending a record to {} failed; failing the task", record.topic(), exception);
            return Response.fail();
        }

        @Override
        @SuppressWarnings("rawtypes") // as the interface declares it
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                Exception exception, SerializationExceptionOrigin origin) {
            if (exception instanceof OutputTooLargeException tooLarge && deadLetterTopic != null) {
                LOG.error("an output value for {} is too large (processing {}-{}@{}); dead-lettered without its value",
                        record.topic(), context.topic(), context.partition(), context.offset(), exception);
                listener.deadLettered(record.topic(), "production", exception.getMessage());
                return Response.resume(List.of(deadLetter(record.topic(), keyBytes(record.key()), record.timestamp(),
                        record.headers(), exception, tooLarge.size())));
            }
            LOG.error("cannot serialize the {} of a record for {} (processing {}-{}@{}): a bug; failing the task",
                    origin.name().toLowerCase(Locale.ROOT), record.topic(), context.topic(), context.partition(),
                    context.offset(), exception);
            return Response.fail();
        }

        /** Not one of this application's changelog or repartition topics. */
        private boolean isOutput(String topic) {
            return !(topic.startsWith(internalTopicPrefix)
                    && (topic.endsWith("-changelog") || topic.endsWith("-repartition")));
        }

        private ProducerRecord<byte[], byte[]> deadLetter(ProducerRecord<byte[], byte[]> record, Exception exception) {
            return deadLetter(record.topic(), record.key(), record.timestamp(), record.headers(), exception,
                    record.value() == null ? 0 : record.value().length);
        }

        /** The dead letter of an output record: its key, timestamp and headers, not its value (too large). */
        private ProducerRecord<byte[], byte[]> deadLetter(String topic, byte[] key, Long timestamp, Headers recordHeaders,
                Exception exception, int valueSize) {
            Headers headers = new RecordHeaders(recordHeaders.toArray());
            headers.add(EXCEPTION_HEADER, utf8(exception.getClass().getName()));
            headers.add(MESSAGE_HEADER, utf8(String.valueOf(exception.getMessage())));
            headers.add(OUTPUT_TOPIC_HEADER, utf8(topic));
            headers.add(OUTPUT_VALUE_SIZE_HEADER, utf8(String.valueOf(valueSize)));
            return new ProducerRecord<>(deadLetterTopic, null, timestamp, key, null, headers);
        }

        /** The key as the sink would have written it: our output keys are strings (or already bytes). */
        private static byte[] keyBytes(Object key) {
            return key == null ? null : key instanceof byte[] bytes ? bytes : utf8(key.toString());
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
